namespace Toolshed.Proxy.Telemetry;

/// <summary>What the MCP telemetry records beyond the conventions' defaults.</summary>
public sealed record TelemetryOptions
{
    /// <summary>
    /// Record tool call arguments and results on spans (<c>gen_ai.tool.call.arguments</c>/<c>.result</c>); off by
    /// default, they may hold anything a user or a server put there (`shed serve --otel-record-arguments`).
    /// </summary>
    public bool RecordArguments { get; init; }

    /// <summary>Longer string attributes (names, URIs, arguments) are cut to this many characters on spans.</summary>
    public int MaxAttributeChars { get; init; } = 1024;

    /// <summary>Distinct tool, prompt, method and error label values kept per endpoint before the rest count as _OTHER.</summary>
    public int MaxLabelValues { get; init; } = 256;

    /// <summary>Metric label values are cut to this many characters.</summary>
    public int MaxLabelChars { get; init; } = 128;
}
