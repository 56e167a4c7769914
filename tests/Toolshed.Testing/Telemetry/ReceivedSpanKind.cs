namespace Toolshed.Testing.Telemetry;

/// <summary>A span's kind, numbered as OTLP's <c>Span.SpanKind</c> (trace.proto) numbers it.</summary>
public enum ReceivedSpanKind
{
    Unspecified = 0,
    Internal = 1,
    Server = 2,
    Client = 3,
    Producer = 4,
    Consumer = 5,
}
