using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Google.Protobuf;

namespace Toolshed.Bench.Telemetry;

/// <summary>
/// Decodes OTLP/HTTP protobuf exports (ExportTraceServiceRequest, ExportMetricsServiceRequest) far enough to count
/// them: spans by the sender's <c>toolshed.bench.variant</c> resource attribute, instrumentation scope, kind and name;
/// metric data points by variant; requests and bytes by variant and signal. Field numbers are opentelemetry-proto's
/// (trace/v1/trace.proto, metrics/v1/metrics.proto, common/v1/common.proto, resource/v1/resource.proto).
/// </summary>
internal sealed class OtlpCounts
{
    private const int Varint = 0;
    private const int Length = 2;
    private const string VariantKey = "toolshed.bench.variant";

    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    public void AddTraces(byte[] body)
    {
        var input = new CodedInputStream(body);
        var variant = "";
        for (var tag = input.ReadTag(); tag != 0; tag = input.ReadTag())
        {
            if (tag == Tag(1, Length))
            {
                // ExportTraceServiceRequest.resource_spans = 1
                variant = ReadResourceSpans(input.ReadBytes());
            }
            else
            {
                input.SkipLastField();
            }
        }

        Add($"requests\t{variant}\ttraces", 1);
        Add($"bytes\t{variant}\ttraces", body.Length);
    }

    public void AddMetrics(byte[] body)
    {
        var input = new CodedInputStream(body);
        var variant = "";
        for (var tag = input.ReadTag(); tag != 0; tag = input.ReadTag())
        {
            if (tag == Tag(1, Length))
            {
                // ExportMetricsServiceRequest.resource_metrics = 1
                variant = ReadResourceMetrics(input.ReadBytes());
            }
            else
            {
                input.SkipLastField();
            }
        }

        Add($"requests\t{variant}\tmetrics", 1);
        Add($"bytes\t{variant}\tmetrics", body.Length);
    }

    /// <summary>One line per count, tab-separated: what, variant, then the rest of the key, then the count.</summary>
    public string Report()
    {
        var text = new StringBuilder();
        foreach (var (key, count) in _counts.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            text.Append(key).Append('\t').Append(count.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        return text.ToString();
    }

    private void Add(string key, long count) => _counts.AddOrUpdate(key, count, (_, old) => old + count);

    private static uint Tag(int field, int wireType) => (uint)((field << 3) | wireType);

    // ResourceSpans: resource = 1, scope_spans = 2. The resource may come after the spans, so they are counted last.
    private string ReadResourceSpans(ByteString message)
    {
        var variant = "";
        var spans = new List<(string Scope, int Kind, string Name)>();
        var input = message.CreateCodedInput();
        for (var tag = input.ReadTag(); tag != 0; tag = input.ReadTag())
        {
            if (tag == Tag(1, Length))
            {
                variant = ReadVariant(input.ReadBytes());
            }
            else if (tag == Tag(2, Length))
            {
                ReadScopeSpans(input.ReadBytes(), spans);
            }
            else
            {
                input.SkipLastField();
            }
        }

        foreach (var group in spans.GroupBy(span => span))
        {
            Add($"spans\t{variant}\t{group.Key.Scope}\t{KindName(group.Key.Kind)}\t{group.Key.Name}", group.Count());
        }

        return variant;
    }

    // ScopeSpans: scope = 1 (InstrumentationScope: name = 1), spans = 2 (Span: name = 5, kind = 6).
    private static void ReadScopeSpans(ByteString message, List<(string Scope, int Kind, string Name)> into)
    {
        var scope = "";
        var spans = new List<(int Kind, string Name)>();
        var input = message.CreateCodedInput();
        for (var tag = input.ReadTag(); tag != 0; tag = input.ReadTag())
        {
            if (tag == Tag(1, Length))
            {
                scope = ReadStringField(input.ReadBytes(), 1);
            }
            else if (tag == Tag(2, Length))
            {
                spans.Add(ReadSpan(input.ReadBytes()));
            }
            else
            {
                input.SkipLastField();
            }
        }

        into.AddRange(spans.Select(span => (scope, span.Kind, span.Name)));
    }

    private static (int Kind, string Name) ReadSpan(ByteString message)
    {
        var (kind, name) = (0, "");
        var input = message.CreateCodedInput();
        for (var tag = input.ReadTag(); tag != 0; tag = input.ReadTag())
        {
            if (tag == Tag(5, Length))
            {
                name = input.ReadString();
            }
            else if (tag == Tag(6, Varint))
            {
                kind = input.ReadEnum();
            }
            else
            {
                input.SkipLastField();
            }
        }

        return (kind, name);
    }

    // ResourceMetrics: resource = 1, scope_metrics = 2; ScopeMetrics: metrics = 2; each Metric is counted as one.
    private string ReadResourceMetrics(ByteString message)
    {
        var variant = "";
        var metrics = 0;
        var input = message.CreateCodedInput();
        for (var tag = input.ReadTag(); tag != 0; tag = input.ReadTag())
        {
            if (tag == Tag(1, Length))
            {
                variant = ReadVariant(input.ReadBytes());
            }
            else if (tag == Tag(2, Length))
            {
                var scope = input.ReadBytes().CreateCodedInput();
                for (var inner = scope.ReadTag(); inner != 0; inner = scope.ReadTag())
                {
                    if (inner == Tag(2, Length))
                    {
                        metrics++;
                    }

                    scope.SkipLastField();
                }
            }
            else
            {
                input.SkipLastField();
            }
        }

        Add($"metrics\t{variant}", metrics);
        return variant;
    }

    // Resource: attributes = 1 (KeyValue: key = 1, value = 2 as AnyValue: string_value = 1).
    private static string ReadVariant(ByteString resource)
    {
        var input = resource.CreateCodedInput();
        for (var tag = input.ReadTag(); tag != 0; tag = input.ReadTag())
        {
            if (tag != Tag(1, Length))
            {
                input.SkipLastField();
                continue;
            }

            var (key, value) = ("", "");
            var pair = input.ReadBytes().CreateCodedInput();
            for (var inner = pair.ReadTag(); inner != 0; inner = pair.ReadTag())
            {
                if (inner == Tag(1, Length))
                {
                    key = pair.ReadString();
                }
                else if (inner == Tag(2, Length))
                {
                    value = ReadStringField(pair.ReadBytes(), 1);
                }
                else
                {
                    pair.SkipLastField();
                }
            }

            if (key == VariantKey)
            {
                return value;
            }
        }

        return "";
    }

    private static string ReadStringField(ByteString message, int field)
    {
        var input = message.CreateCodedInput();
        for (var tag = input.ReadTag(); tag != 0; tag = input.ReadTag())
        {
            if (tag == Tag(field, Length))
            {
                return input.ReadString();
            }

            input.SkipLastField();
        }

        return "";
    }

    private static string KindName(int kind) => kind switch
    {
        1 => "internal",
        2 => "server",
        3 => "client",
        4 => "producer",
        5 => "consumer",
        _ => "unspecified",
    };
}
