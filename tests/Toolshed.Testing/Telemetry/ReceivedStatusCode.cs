namespace Toolshed.Testing.Telemetry;

/// <summary>A span's status code, numbered as OTLP's <c>Status.StatusCode</c> (trace.proto) numbers it.</summary>
public enum ReceivedStatusCode
{
    Unset = 0,
    Ok = 1,
    Error = 2,
}
