namespace Toolshed.Server.Telemetry;

/// <summary>The OTLP headers read from the secret store once at start (never logged, never in argv or state files).</summary>
internal sealed class OtlpHeaders
{
    public string? Value { get; set; }
}
