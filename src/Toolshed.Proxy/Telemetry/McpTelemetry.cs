using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Toolshed.Proxy.Telemetry;

/// <summary>
/// The daemon's MCP telemetry: one <see cref="ActivitySource"/> and one <see cref="Meter"/>
/// (<see cref="McpSemanticConventions.SourceName"/>) for every workload and group endpoint, with the instruments the
/// MCP conventions give and Toolshed's own counters. Endpoints record through their <see cref="EndpointTelemetry"/>.
/// Nothing is exported from here: the host adds exporters (OTLP, Prometheus) by listening to the source and meter.
/// </summary>
public sealed class McpTelemetry : IDisposable
{
    /// <summary>The source of every MCP span (SERVER for what clients ask a proxy, CLIENT for what it asks upstream).</summary>
    public static readonly ActivitySource Source = new(McpSemanticConventions.SourceName);

    private readonly Meter _meter;
    private readonly ConcurrentDictionary<EndpointTelemetry, byte> _endpoints = new();

    public McpTelemetry(IMeterFactory meterFactory, TelemetryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        Options = options ?? new TelemetryOptions();
        _meter = meterFactory.Create(McpSemanticConventions.SourceName);
        var buckets = new InstrumentAdvice<double> { HistogramBucketBoundaries = McpSemanticConventions.DurationBuckets };
        ServerDuration = _meter.CreateHistogram(
            McpSemanticConventions.ServerOperationDuration, "s",
            "MCP request duration as observed on the receiver from the time it was received until the result is sent.", advice: buckets);
        ClientDuration = _meter.CreateHistogram(
            McpSemanticConventions.ClientOperationDuration, "s",
            "The duration of the MCP request as observed on the sender from the time it was sent until the response is received.", advice: buckets);
        SessionDuration = _meter.CreateHistogram(
            McpSemanticConventions.ServerSessionDuration, "s", "The duration of the MCP session as observed on the MCP server.", advice: buckets);
        Calls = _meter.CreateCounter<long>(McpSemanticConventions.Calls, "{call}", "MCP requests a workload or group endpoint answered.");
        Errors = _meter.CreateCounter<long>(
            McpSemanticConventions.Errors, "{error}", "MCP requests that ended in an error: a JSON-RPC error, a tool error or a timeout.");
        _meter.CreateObservableUpDownCounter(
            McpSemanticConventions.Sessions, ObserveSessions, "{session}", "MCP sessions clients hold open with an endpoint.");
    }

    public TelemetryOptions Options { get; }

    internal Histogram<double> ServerDuration { get; }

    internal Histogram<double> ClientDuration { get; }

    internal Histogram<double> SessionDuration { get; }

    internal Counter<long> Calls { get; }

    internal Counter<long> Errors { get; }

    /// <summary>Starts recording for one endpoint; dispose the result when the endpoint stops.</summary>
    internal EndpointTelemetry ForEndpoint(string name, bool isGroup, Func<int> openSessions)
    {
        var endpoint = new EndpointTelemetry(this, name, isGroup, openSessions);
        _endpoints[endpoint] = 0;
        return endpoint;
    }

    internal void Forget(EndpointTelemetry endpoint) => _endpoints.TryRemove(endpoint, out _);

    public void Dispose() => _meter.Dispose();

    private IEnumerable<Measurement<int>> ObserveSessions()
    {
        foreach (var endpoint in _endpoints.Keys)
        {
            yield return new Measurement<int>(endpoint.OpenSessions(), endpoint.IdentityTags);
        }
    }
}
