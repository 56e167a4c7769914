namespace Toolshed.Server.Telemetry;

/// <summary>Where the daemon's OpenTelemetry goes (`shed serve --otel-* --metrics-address`); nothing is exported by default.</summary>
public sealed record TelemetrySettings
{
    /// <summary>The OTLP/HTTP collector's base URL (e.g. http://127.0.0.1:4318/): traces go to v1/traces, metrics to v1/metrics.</summary>
    public Uri? OtlpEndpoint { get; init; }

    /// <summary>The secret (in the daemon's store) holding the headers OTLP requests carry, as <c>key=value,key2=value2</c>.</summary>
    public string? OtlpHeadersSecret { get; init; }

    /// <summary>The share of new traces recorded, 0 to 1; a trace a client already sampled is always followed.</summary>
    public double Sampling { get; init; } = 1.0;

    /// <summary>Where the Prometheus scrape endpoint listens (host:port); null serves none.</summary>
    public string? MetricsAddress { get; init; }

    /// <summary>Record tool call arguments and results on spans (off: they may hold anything).</summary>
    public bool RecordArguments { get; init; }

    public const string DefaultMetricsAddress = "127.0.0.1:9464";

    public bool ExportsTraces => OtlpEndpoint is not null;

    public bool ExportsMetrics => OtlpEndpoint is not null || MetricsAddress is not null;
}
