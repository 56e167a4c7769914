using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Toolshed.Proxy.Telemetry;

namespace Toolshed.Proxy.Tests.Telemetry;

/// <summary>
/// The OpenTelemetry SDK listening to the proxies' source and meter with its in-memory exporters, as a daemon with an
/// exporter would. Tests in other classes may run proxies meanwhile: read only what carries your workload's name.
/// </summary>
internal sealed class TelemetryCapture : IDisposable
{
    private readonly List<Activity> _spans = [];
    private readonly List<MetricSnapshot> _metrics = [];
    private readonly TracerProvider _tracing;
    private readonly MeterProvider _meters;

    public TelemetryCapture()
    {
        _tracing = Sdk.CreateTracerProviderBuilder()
            .AddSource(McpSemanticConventions.SourceName)
            .SetSampler(new UnlessHostileSampler())
            .AddInMemoryExporter(_spans)
            .Build()!;
        _meters = Sdk.CreateMeterProviderBuilder()
            .AddMeter(McpSemanticConventions.SourceName)
            .AddInMemoryExporter(_metrics)
            .Build()!;
    }

    /// <summary>The ended spans of <paramref name="endpoint"/> (a workload's or a group's name).</summary>
    public IReadOnlyList<Activity> SpansOf(string endpoint)
    {
        lock (_spans)
        {
            // A group's spans name the member they went to too: the group's name decides.
            return [.. _spans.Where(s => (s.GetTagItem(McpSemanticConventions.Group) ?? s.GetTagItem(McpSemanticConventions.Workload)) as string == endpoint)];
        }
    }

    /// <summary>The metric points of <paramref name="instrument"/> for <paramref name="endpoint"/>, collected now.</summary>
    public IReadOnlyList<MetricPointSnapshot> PointsOf(string instrument, string endpoint)
    {
        _meters.ForceFlush();
        lock (_metrics)
        {
            var latest = _metrics.LastOrDefault(m => m.Name == instrument);
            var points = latest?.MetricPoints.Select(p => new MetricPointSnapshot(latest, p)).ToList() ?? [];
            return [.. points.Where(p => (p.Tags.GetValueOrDefault(McpSemanticConventions.Group) ?? p.Tags.GetValueOrDefault(McpSemanticConventions.Workload)) as string == endpoint)];
        }
    }

    public MetricSnapshot? Instrument(string name)
    {
        _meters.ForceFlush();
        lock (_metrics)
        {
            return _metrics.LastOrDefault(m => m.Name == name);
        }
    }

    public void Dispose()
    {
        _tracing.Dispose();
        _meters.Dispose();
    }
}
