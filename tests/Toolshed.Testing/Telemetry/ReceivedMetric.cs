namespace Toolshed.Testing.Telemetry;

/// <summary>
/// One metric of one OTLP metrics export, with its data points. A periodic exporter sends the same metric again in
/// each export: <see cref="OtlpReceiver.Metrics"/> keeps every copy in arrival order, so the last one with a name is
/// the newest (cumulative temporality, the .NET default, makes its values the running totals).
/// </summary>
public sealed record ReceivedMetric
{
    public required string Name { get; init; }

    public string Description { get; init; } = "";

    public string Unit { get; init; } = "";

    public ReceivedMetricKind Kind { get; init; }

    /// <summary>For sums: true for a counter, false for an up-down counter.</summary>
    public bool IsMonotonic { get; init; }

    public IReadOnlyList<ReceivedMetricPoint> Points { get; init; } = [];

    public IReadOnlyDictionary<string, object?> ResourceAttributes { get; init; } = new Dictionary<string, object?>();

    /// <summary>The instrumentation scope: the name of the Meter that made the metric.</summary>
    public string ScopeName { get; init; } = "";

    public override string ToString() => $"{Name} ({Kind}, unit '{Unit}', {Points.Count} points)";
}
