namespace Toolshed.Testing.Telemetry;

/// <summary>
/// One data point of a received metric. Gauges and sums set <see cref="Value"/> (an integer point arrives as its
/// double); histograms set <see cref="Count"/>, <see cref="Sum"/> and, for explicit-bucket histograms, the bucket
/// counts and bounds; summaries set count and sum.
/// </summary>
public sealed record ReceivedMetricPoint
{
    public IReadOnlyDictionary<string, object?> Attributes { get; init; } = new Dictionary<string, object?>();

    public DateTimeOffset Time { get; init; }

    public double? Value { get; init; }

    public ulong? Count { get; init; }

    public double? Sum { get; init; }

    public IReadOnlyList<ulong> BucketCounts { get; init; } = [];

    public IReadOnlyList<double> ExplicitBounds { get; init; } = [];
}
