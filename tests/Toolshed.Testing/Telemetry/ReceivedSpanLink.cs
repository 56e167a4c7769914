namespace Toolshed.Testing.Telemetry;

/// <summary>A link from a span to another span context, ids as lowercase hex.</summary>
public sealed record ReceivedSpanLink(
    string TraceId,
    string SpanId,
    string TraceState,
    IReadOnlyDictionary<string, object?> Attributes);
