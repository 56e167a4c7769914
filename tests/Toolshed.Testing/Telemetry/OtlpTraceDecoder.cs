using Google.Protobuf;

namespace Toolshed.Testing.Telemetry;

/// <summary>
/// Decodes an ExportTraceServiceRequest (collector/trace/v1/trace_service.proto) into <see cref="ReceivedSpan"/>s.
/// Field numbers are those of opentelemetry-proto's trace.proto; each case says which field it reads.
/// </summary>
internal static class OtlpTraceDecoder
{
    public static List<ReceivedSpan> Decode(byte[] body)
    {
        var spans = new List<ReceivedSpan>();
        var input = new CodedInputStream(body);
        for (var tag = input.ReadTag(); tag != 0; tag = input.ReadTag())
        {
            // ExportTraceServiceRequest.resource_spans = 1
            if (tag == ((1 << 3) | OtlpWire.Length))
            {
                ReadResourceSpans(input.ReadBytes(), spans);
            }
            else
            {
                input.SkipLastField();
            }
        }

        return spans;
    }

    // ResourceSpans: resource = 1, scope_spans = 2. Fields may come in any order, so the resource is applied last.
    private static void ReadResourceSpans(ByteString message, List<ReceivedSpan> into)
    {
        Dictionary<string, object?> resource = new(StringComparer.Ordinal);
        var scoped = new List<ReceivedSpan>();
        var input = message.CreateCodedInput();
        for (var tag = input.ReadTag(); tag != 0; tag = input.ReadTag())
        {
            switch (tag)
            {
                case (1 << 3) | OtlpWire.Length:
                    resource = OtlpWire.ReadResource(input.ReadBytes());
                    break;
                case (2 << 3) | OtlpWire.Length:
                    ReadScopeSpans(input.ReadBytes(), scoped);
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }

        into.AddRange(scoped.Select(span => span with { ResourceAttributes = resource }));
    }

    // ScopeSpans: scope = 1, spans = 2.
    private static void ReadScopeSpans(ByteString message, List<ReceivedSpan> into)
    {
        var (scopeName, scopeVersion) = ("", "");
        var spans = new List<ReceivedSpan>();
        var input = message.CreateCodedInput();
        for (var tag = input.ReadTag(); tag != 0; tag = input.ReadTag())
        {
            switch (tag)
            {
                case (1 << 3) | OtlpWire.Length:
                    (scopeName, scopeVersion) = OtlpWire.ReadScope(input.ReadBytes());
                    break;
                case (2 << 3) | OtlpWire.Length:
                    spans.Add(ReadSpan(input.ReadBytes()));
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }

        into.AddRange(spans.Select(span => span with { ScopeName = scopeName, ScopeVersion = scopeVersion }));
    }

    private static ReceivedSpan ReadSpan(ByteString message)
    {
        string traceId = "", spanId = "", traceState = "", name = "";
        string? parentSpanId = null;
        var kind = ReceivedSpanKind.Unspecified;
        ulong start = 0, end = 0;
        uint flags = 0;
        var attributes = new Dictionary<string, object?>(StringComparer.Ordinal);
        var events = new List<ReceivedSpanEvent>();
        var links = new List<ReceivedSpanLink>();
        var status = ReceivedSpanStatus.Unset;
        var input = message.CreateCodedInput();
        for (var tag = input.ReadTag(); tag != 0; tag = input.ReadTag())
        {
            switch (tag)
            {
                case (1 << 3) | OtlpWire.Length: // trace_id
                    traceId = OtlpWire.Hex(input.ReadBytes());
                    break;
                case (2 << 3) | OtlpWire.Length: // span_id
                    spanId = OtlpWire.Hex(input.ReadBytes());
                    break;
                case (3 << 3) | OtlpWire.Length: // trace_state
                    traceState = input.ReadString();
                    break;
                case (4 << 3) | OtlpWire.Length: // parent_span_id, empty for a root span
                    var parent = input.ReadBytes();
                    parentSpanId = parent.IsEmpty ? null : OtlpWire.Hex(parent);
                    break;
                case (5 << 3) | OtlpWire.Length: // name
                    name = input.ReadString();
                    break;
                case (6 << 3) | OtlpWire.Varint: // kind
                    kind = (ReceivedSpanKind)input.ReadEnum();
                    break;
                case (7 << 3) | OtlpWire.Fixed64: // start_time_unix_nano
                    start = input.ReadFixed64();
                    break;
                case (8 << 3) | OtlpWire.Fixed64: // end_time_unix_nano
                    end = input.ReadFixed64();
                    break;
                case (9 << 3) | OtlpWire.Length: // attributes
                    OtlpWire.ReadKeyValue(input.ReadBytes(), attributes, depth: 0);
                    break;
                case (11 << 3) | OtlpWire.Length: // events
                    events.Add(ReadEvent(input.ReadBytes()));
                    break;
                case (13 << 3) | OtlpWire.Length: // links
                    links.Add(ReadLink(input.ReadBytes()));
                    break;
                case (15 << 3) | OtlpWire.Length: // status
                    status = ReadStatus(input.ReadBytes());
                    break;
                case (16 << 3) | OtlpWire.Fixed32: // flags
                    flags = input.ReadFixed32();
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }

        return new ReceivedSpan
        {
            TraceId = traceId,
            SpanId = spanId,
            ParentSpanId = parentSpanId,
            TraceState = traceState,
            Name = name,
            Kind = kind,
            StartTime = OtlpWire.FromUnixNanos(start),
            EndTime = OtlpWire.FromUnixNanos(end),
            Flags = flags,
            Attributes = attributes,
            Events = events,
            Links = links,
            Status = status,
        };
    }

    // Span.Event: time_unix_nano = 1, name = 2, attributes = 3.
    private static ReceivedSpanEvent ReadEvent(ByteString message)
    {
        ulong time = 0;
        var name = "";
        var attributes = new Dictionary<string, object?>(StringComparer.Ordinal);
        var input = message.CreateCodedInput();
        for (var tag = input.ReadTag(); tag != 0; tag = input.ReadTag())
        {
            switch (tag)
            {
                case (1 << 3) | OtlpWire.Fixed64:
                    time = input.ReadFixed64();
                    break;
                case (2 << 3) | OtlpWire.Length:
                    name = input.ReadString();
                    break;
                case (3 << 3) | OtlpWire.Length:
                    OtlpWire.ReadKeyValue(input.ReadBytes(), attributes, depth: 0);
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }

        return new ReceivedSpanEvent(name, OtlpWire.FromUnixNanos(time), attributes);
    }

    // Span.Link: trace_id = 1, span_id = 2, trace_state = 3, attributes = 4.
    private static ReceivedSpanLink ReadLink(ByteString message)
    {
        string traceId = "", spanId = "", traceState = "";
        var attributes = new Dictionary<string, object?>(StringComparer.Ordinal);
        var input = message.CreateCodedInput();
        for (var tag = input.ReadTag(); tag != 0; tag = input.ReadTag())
        {
            switch (tag)
            {
                case (1 << 3) | OtlpWire.Length:
                    traceId = OtlpWire.Hex(input.ReadBytes());
                    break;
                case (2 << 3) | OtlpWire.Length:
                    spanId = OtlpWire.Hex(input.ReadBytes());
                    break;
                case (3 << 3) | OtlpWire.Length:
                    traceState = input.ReadString();
                    break;
                case (4 << 3) | OtlpWire.Length:
                    OtlpWire.ReadKeyValue(input.ReadBytes(), attributes, depth: 0);
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }

        return new ReceivedSpanLink(traceId, spanId, traceState, attributes);
    }

    // Status: message = 2, code = 3 (field 1 is reserved: the old deprecated_code).
    private static ReceivedSpanStatus ReadStatus(ByteString message)
    {
        var text = "";
        var code = ReceivedStatusCode.Unset;
        var input = message.CreateCodedInput();
        for (var tag = input.ReadTag(); tag != 0; tag = input.ReadTag())
        {
            switch (tag)
            {
                case (2 << 3) | OtlpWire.Length:
                    text = input.ReadString();
                    break;
                case (3 << 3) | OtlpWire.Varint:
                    code = (ReceivedStatusCode)input.ReadEnum();
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }

        return new ReceivedSpanStatus(code, text);
    }
}
