namespace Toolshed.Testing.Telemetry;

/// <summary>
/// One span as an OTLP exporter sent it, decoded from the protobuf request. Ids are lowercase hex (32 characters for a
/// trace id, 16 for a span id); <see cref="ParentSpanId"/> is null for a root span. Attribute values keep their OTLP
/// type: <see cref="string"/>, <see cref="bool"/>, <see cref="long"/> (every integer: an <c>int</c> tag arrives as
/// long), <see cref="double"/>, <c>byte[]</c>, <c>object?[]</c> for arrays and
/// <c>IReadOnlyDictionary&lt;string, object?&gt;</c> for key-value lists. The resource's and the instrumentation
/// scope's data are copied onto every span of their batch.
/// </summary>
public sealed record ReceivedSpan
{
    public required string TraceId { get; init; }

    public required string SpanId { get; init; }

    public string? ParentSpanId { get; init; }

    public string TraceState { get; init; } = "";

    public required string Name { get; init; }

    public ReceivedSpanKind Kind { get; init; }

    public DateTimeOffset StartTime { get; init; }

    public DateTimeOffset EndTime { get; init; }

    /// <summary>W3C trace flags in the low byte (1 = sampled), plus OTLP's is-remote bits (0x100, 0x200).</summary>
    public uint Flags { get; init; }

    public IReadOnlyDictionary<string, object?> Attributes { get; init; } = new Dictionary<string, object?>();

    public IReadOnlyList<ReceivedSpanEvent> Events { get; init; } = [];

    public IReadOnlyList<ReceivedSpanLink> Links { get; init; } = [];

    public ReceivedSpanStatus Status { get; init; } = ReceivedSpanStatus.Unset;

    public IReadOnlyDictionary<string, object?> ResourceAttributes { get; init; } = new Dictionary<string, object?>();

    /// <summary>The instrumentation scope: the name of the ActivitySource that made the span.</summary>
    public string ScopeName { get; init; } = "";

    public string ScopeVersion { get; init; } = "";

    /// <summary>The resource's service.name, or null when it sent none.</summary>
    public string? ServiceName => ResourceAttributes.GetValueOrDefault("service.name") as string;

    public override string ToString() =>
        $"{Name} ({Kind}, trace {TraceId}, span {SpanId}, parent {ParentSpanId ?? "none"}, status {Status.Code})";
}
