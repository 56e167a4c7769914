using System.Globalization;

namespace Toolshed.Testing.Telemetry;

/// <summary>
/// One sample of an instant query's result: the series' labels (the metric name under <c>__name__</c>, absent when a
/// function such as <c>sum</c> dropped it; empty for a scalar result), its value and the evaluation time.
/// </summary>
public sealed record PrometheusSample(IReadOnlyDictionary<string, string> Labels, double Value, DateTimeOffset Timestamp)
{
    /// <summary>The metric name, or null when the result has none.</summary>
    public string? Name => Labels.GetValueOrDefault("__name__");

    public override string ToString() =>
        $"{Name}{{{string.Join(',', Labels.Where(label => label.Key != "__name__").Select(label => $"{label.Key}=\"{label.Value}\""))}}} "
        + Value.ToString(CultureInfo.InvariantCulture);
}
