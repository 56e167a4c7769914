using System.Buffers.Binary;
using Google.Protobuf;

namespace Toolshed.Testing.Telemetry;

/// <summary>
/// Decodes an ExportMetricsServiceRequest (collector/metrics/v1/metrics_service.proto) into
/// <see cref="ReceivedMetric"/>s: names, units and data points (values, or count, sum and buckets). Exemplars and
/// exponential buckets are skipped. Field numbers are those of opentelemetry-proto's metrics.proto.
/// </summary>
internal static class OtlpMetricsDecoder
{
    public static List<ReceivedMetric> Decode(byte[] body)
    {
        var metrics = new List<ReceivedMetric>();
        var input = new CodedInputStream(body);
        for (var tag = input.ReadTag(); tag != 0; tag = input.ReadTag())
        {
            // ExportMetricsServiceRequest.resource_metrics = 1
            if (tag == ((1 << 3) | OtlpWire.Length))
            {
                ReadResourceMetrics(input.ReadBytes(), metrics);
            }
            else
            {
                input.SkipLastField();
            }
        }

        return metrics;
    }

    // ResourceMetrics: resource = 1, scope_metrics = 2.
    private static void ReadResourceMetrics(ByteString message, List<ReceivedMetric> into)
    {
        Dictionary<string, object?> resource = new(StringComparer.Ordinal);
        var scoped = new List<ReceivedMetric>();
        var input = message.CreateCodedInput();
        for (var tag = input.ReadTag(); tag != 0; tag = input.ReadTag())
        {
            switch (tag)
            {
                case (1 << 3) | OtlpWire.Length:
                    resource = OtlpWire.ReadResource(input.ReadBytes());
                    break;
                case (2 << 3) | OtlpWire.Length:
                    ReadScopeMetrics(input.ReadBytes(), scoped);
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }

        into.AddRange(scoped.Select(metric => metric with { ResourceAttributes = resource }));
    }

    // ScopeMetrics: scope = 1, metrics = 2.
    private static void ReadScopeMetrics(ByteString message, List<ReceivedMetric> into)
    {
        var scopeName = "";
        var metrics = new List<ReceivedMetric>();
        var input = message.CreateCodedInput();
        for (var tag = input.ReadTag(); tag != 0; tag = input.ReadTag())
        {
            switch (tag)
            {
                case (1 << 3) | OtlpWire.Length:
                    scopeName = OtlpWire.ReadScope(input.ReadBytes()).Name;
                    break;
                case (2 << 3) | OtlpWire.Length:
                    metrics.Add(ReadMetric(input.ReadBytes()));
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }

        into.AddRange(metrics.Select(metric => metric with { ScopeName = scopeName }));
    }

    // Metric: name = 1, description = 2, unit = 3; the data oneof: gauge = 5, sum = 7, histogram = 9,
    // exponential_histogram = 10, summary = 11.
    private static ReceivedMetric ReadMetric(ByteString message)
    {
        string name = "", description = "", unit = "";
        var kind = ReceivedMetricKind.Unknown;
        var monotonic = false;
        var points = new List<ReceivedMetricPoint>();
        var input = message.CreateCodedInput();
        for (var tag = input.ReadTag(); tag != 0; tag = input.ReadTag())
        {
            switch (tag)
            {
                case (1 << 3) | OtlpWire.Length:
                    name = input.ReadString();
                    break;
                case (2 << 3) | OtlpWire.Length:
                    description = input.ReadString();
                    break;
                case (3 << 3) | OtlpWire.Length:
                    unit = input.ReadString();
                    break;
                case (5 << 3) | OtlpWire.Length:
                    kind = ReceivedMetricKind.Gauge;
                    ReadData(input.ReadBytes(), ReadNumberPoint, points);
                    break;
                case (7 << 3) | OtlpWire.Length:
                    kind = ReceivedMetricKind.Sum;
                    monotonic = ReadData(input.ReadBytes(), ReadNumberPoint, points);
                    break;
                case (9 << 3) | OtlpWire.Length:
                    kind = ReceivedMetricKind.Histogram;
                    ReadData(input.ReadBytes(), ReadHistogramPoint, points);
                    break;
                case (10 << 3) | OtlpWire.Length:
                    kind = ReceivedMetricKind.ExponentialHistogram;
                    ReadData(input.ReadBytes(), ReadExponentialHistogramPoint, points);
                    break;
                case (11 << 3) | OtlpWire.Length:
                    kind = ReceivedMetricKind.Summary;
                    ReadData(input.ReadBytes(), ReadSummaryPoint, points);
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }

        return new ReceivedMetric { Name = name, Description = description, Unit = unit, Kind = kind, IsMonotonic = monotonic, Points = points };
    }

    // Gauge, Sum, Histogram, ExponentialHistogram, Summary: data_points = 1; Sum also has is_monotonic = 3.
    // Returns is_monotonic (false for every kind but a monotonic sum).
    private static bool ReadData(ByteString message, Func<ByteString, ReceivedMetricPoint> readPoint, List<ReceivedMetricPoint> into)
    {
        var monotonic = false;
        var input = message.CreateCodedInput();
        for (var tag = input.ReadTag(); tag != 0; tag = input.ReadTag())
        {
            switch (tag)
            {
                case (1 << 3) | OtlpWire.Length:
                    into.Add(readPoint(input.ReadBytes()));
                    break;
                case (3 << 3) | OtlpWire.Varint:
                    monotonic = input.ReadBool();
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }

        return monotonic;
    }

    // NumberDataPoint: time_unix_nano = 3, as_double = 4, as_int = 6 (sfixed64), attributes = 7.
    private static ReceivedMetricPoint ReadNumberPoint(ByteString message)
    {
        var attributes = new Dictionary<string, object?>(StringComparer.Ordinal);
        ulong time = 0;
        double? value = null;
        var input = message.CreateCodedInput();
        for (var tag = input.ReadTag(); tag != 0; tag = input.ReadTag())
        {
            switch (tag)
            {
                case (3 << 3) | OtlpWire.Fixed64:
                    time = input.ReadFixed64();
                    break;
                case (4 << 3) | OtlpWire.Fixed64:
                    value = input.ReadDouble();
                    break;
                case (6 << 3) | OtlpWire.Fixed64:
                    value = input.ReadSFixed64();
                    break;
                case (7 << 3) | OtlpWire.Length:
                    OtlpWire.ReadKeyValue(input.ReadBytes(), attributes, depth: 0);
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }

        return new ReceivedMetricPoint { Attributes = attributes, Time = OtlpWire.FromUnixNanos(time), Value = value };
    }

    // HistogramDataPoint: time_unix_nano = 3, count = 4, sum = 5, bucket_counts = 6 (repeated fixed64),
    // explicit_bounds = 7 (repeated double), attributes = 9. Repeated scalars arrive packed (proto3's default) or not.
    private static ReceivedMetricPoint ReadHistogramPoint(ByteString message)
    {
        var attributes = new Dictionary<string, object?>(StringComparer.Ordinal);
        ulong time = 0;
        ulong? count = null;
        double? sum = null;
        var buckets = new List<ulong>();
        var bounds = new List<double>();
        var input = message.CreateCodedInput();
        for (var tag = input.ReadTag(); tag != 0; tag = input.ReadTag())
        {
            switch (tag)
            {
                case (3 << 3) | OtlpWire.Fixed64:
                    time = input.ReadFixed64();
                    break;
                case (4 << 3) | OtlpWire.Fixed64:
                    count = input.ReadFixed64();
                    break;
                case (5 << 3) | OtlpWire.Fixed64:
                    sum = input.ReadDouble();
                    break;
                case (6 << 3) | OtlpWire.Length:
                    ReadPacked64(input.ReadBytes(), raw => buckets.Add(raw));
                    break;
                case (6 << 3) | OtlpWire.Fixed64:
                    buckets.Add(input.ReadFixed64());
                    break;
                case (7 << 3) | OtlpWire.Length:
                    ReadPacked64(input.ReadBytes(), raw => bounds.Add(BitConverter.UInt64BitsToDouble(raw)));
                    break;
                case (7 << 3) | OtlpWire.Fixed64:
                    bounds.Add(input.ReadDouble());
                    break;
                case (9 << 3) | OtlpWire.Length:
                    OtlpWire.ReadKeyValue(input.ReadBytes(), attributes, depth: 0);
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }

        return new ReceivedMetricPoint
        {
            Attributes = attributes,
            Time = OtlpWire.FromUnixNanos(time),
            Count = count,
            Sum = sum,
            BucketCounts = buckets,
            ExplicitBounds = bounds,
        };
    }

    // ExponentialHistogramDataPoint: attributes = 1, time_unix_nano = 3, count = 4, sum = 5 (buckets not kept).
    private static ReceivedMetricPoint ReadExponentialHistogramPoint(ByteString message) =>
        ReadCountSumPoint(message, attributesField: 1);

    // SummaryDataPoint: time_unix_nano = 3, count = 4, sum = 5, attributes = 7 (quantiles not kept).
    private static ReceivedMetricPoint ReadSummaryPoint(ByteString message) => ReadCountSumPoint(message, attributesField: 7);

    private static ReceivedMetricPoint ReadCountSumPoint(ByteString message, int attributesField)
    {
        var attributes = new Dictionary<string, object?>(StringComparer.Ordinal);
        ulong time = 0;
        ulong? count = null;
        double? sum = null;
        var attributesTag = ((uint)attributesField << 3) | OtlpWire.Length;
        var input = message.CreateCodedInput();
        for (var tag = input.ReadTag(); tag != 0; tag = input.ReadTag())
        {
            if (tag == attributesTag)
            {
                OtlpWire.ReadKeyValue(input.ReadBytes(), attributes, depth: 0);
                continue;
            }

            switch (tag)
            {
                case (3 << 3) | OtlpWire.Fixed64:
                    time = input.ReadFixed64();
                    break;
                case (4 << 3) | OtlpWire.Fixed64:
                    count = input.ReadFixed64();
                    break;
                case (5 << 3) | OtlpWire.Fixed64:
                    sum = input.ReadDouble();
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }

        return new ReceivedMetricPoint { Attributes = attributes, Time = OtlpWire.FromUnixNanos(time), Count = count, Sum = sum };
    }

    private static void ReadPacked64(ByteString packed, Action<ulong> add)
    {
        var bytes = packed.Span;
        if (bytes.Length % 8 != 0)
        {
            throw new InvalidDataException($"A packed 64-bit field has {bytes.Length} bytes, not a multiple of 8.");
        }

        for (var offset = 0; offset < bytes.Length; offset += 8)
        {
            add(BinaryPrimitives.ReadUInt64LittleEndian(bytes[offset..]));
        }
    }
}
