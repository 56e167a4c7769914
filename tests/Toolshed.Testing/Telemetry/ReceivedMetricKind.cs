namespace Toolshed.Testing.Telemetry;

/// <summary>Which data a metric carries: the <c>Metric.data</c> oneof of OTLP's metrics.proto.</summary>
public enum ReceivedMetricKind
{
    Unknown,
    Gauge,
    Sum,
    Histogram,
    ExponentialHistogram,
    Summary,
}
