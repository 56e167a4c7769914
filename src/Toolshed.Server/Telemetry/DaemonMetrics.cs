using System.Diagnostics;
using System.Diagnostics.Metrics;
using Toolshed.Proxy.Telemetry;

namespace Toolshed.Server.Telemetry;

/// <summary>
/// What the daemon itself does to workloads, as metrics: crash restarts, egress denials, and how long image pulls and
/// package builds take. Its meter is <see cref="MeterName"/>; the MCP traffic's is <see cref="McpSemanticConventions.SourceName"/>.
/// </summary>
public sealed class DaemonMetrics : IDisposable
{
    public const string MeterName = "Toolshed.Daemon";

    private readonly Meter _meter;
    private readonly Counter<long> _restarts;
    private readonly Counter<long> _egressDenials;
    private readonly Histogram<double> _pulls;
    private readonly Histogram<double> _builds;

    public DaemonMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(MeterName);
        var buckets = new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600] };
        _restarts = _meter.CreateCounter<long>("toolshed.workload.restarts", "{restart}", "Times the daemon restarted a workload whose server exited.");
        _egressDenials = _meter.CreateCounter<long>(
            "toolshed.egress.denials", "{connection}", "Connections a workload's server tried that its egress allow-list refused.");
        _pulls = _meter.CreateHistogram("toolshed.image.pull.duration", "s", "How long pulling a workload's image took.", advice: buckets);
        _builds = _meter.CreateHistogram("toolshed.image.build.duration", "s", "How long building a package workload's image took.", advice: buckets);
    }

    public void WorkloadRestarted(string workload) =>
        _restarts.Add(1, new KeyValuePair<string, object?>(McpSemanticConventions.Workload, workload));

    public void EgressDenied(string workload) =>
        _egressDenials.Add(1, new KeyValuePair<string, object?>(McpSemanticConventions.Workload, workload));

    public void ImagePulled(TimeSpan took, string? errorType) => Record(_pulls, took, errorType);

    public void ImageBuilt(TimeSpan took, string? errorType) => Record(_builds, took, errorType);

    public void Dispose() => _meter.Dispose();

    private static void Record(Histogram<double> histogram, TimeSpan took, string? errorType)
    {
        var tags = new TagList();
        if (errorType is not null)
        {
            tags.Add(McpSemanticConventions.ErrorType, errorType);
        }

        histogram.Record(took.TotalSeconds, tags);
    }
}
