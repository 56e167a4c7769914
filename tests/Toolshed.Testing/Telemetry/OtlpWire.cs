using Google.Protobuf;

namespace Toolshed.Testing.Telemetry;

/// <summary>
/// Reads the messages every OTLP signal shares (common.proto, resource.proto) with Google.Protobuf's
/// <see cref="CodedInputStream"/>, by the field numbers of the opentelemetry-proto definitions. The decoders switch on
/// whole tags, <c>(field &lt;&lt; 3) | wire type</c>: a field that arrives with another wire type than its proto
/// declares is skipped like an unknown field instead of being misread.
/// </summary>
internal static class OtlpWire
{
    public const uint Varint = 0;
    public const uint Fixed64 = 1;
    public const uint Length = 2;
    public const uint Fixed32 = 5;

    private const int MaxValueDepth = 32;

    public static string Hex(ByteString bytes) => Convert.ToHexStringLower(bytes.Span);

    public static DateTimeOffset FromUnixNanos(ulong nanos) => DateTimeOffset.UnixEpoch.AddTicks((long)(nanos / 100));

    /// <summary>Resource: attributes = 1.</summary>
    public static Dictionary<string, object?> ReadResource(ByteString message)
    {
        var attributes = new Dictionary<string, object?>(StringComparer.Ordinal);
        var input = message.CreateCodedInput();
        for (var tag = input.ReadTag(); tag != 0; tag = input.ReadTag())
        {
            if (tag == ((1 << 3) | Length))
            {
                ReadKeyValue(input.ReadBytes(), attributes, depth: 0);
            }
            else
            {
                input.SkipLastField();
            }
        }

        return attributes;
    }

    /// <summary>InstrumentationScope: name = 1, version = 2 (attributes = 3 are not kept).</summary>
    public static (string Name, string Version) ReadScope(ByteString message)
    {
        var (name, version) = ("", "");
        var input = message.CreateCodedInput();
        for (var tag = input.ReadTag(); tag != 0; tag = input.ReadTag())
        {
            switch (tag)
            {
                case (1 << 3) | Length:
                    name = input.ReadString();
                    break;
                case (2 << 3) | Length:
                    version = input.ReadString();
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }

        return (name, version);
    }

    /// <summary>KeyValue: key = 1, value = 2 (an AnyValue). A later duplicate key wins.</summary>
    public static void ReadKeyValue(ByteString message, Dictionary<string, object?> into, int depth)
    {
        var key = "";
        object? value = null;
        var input = message.CreateCodedInput();
        for (var tag = input.ReadTag(); tag != 0; tag = input.ReadTag())
        {
            switch (tag)
            {
                case (1 << 3) | Length:
                    key = input.ReadString();
                    break;
                case (2 << 3) | Length:
                    value = ReadAnyValue(input.ReadBytes(), depth + 1);
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }

        into[key] = value;
    }

    /// <summary>
    /// AnyValue's oneof: string = 1, bool = 2, int = 3 (int64), double = 4, array = 5 (ArrayValue: values = 1),
    /// kvlist = 6 (KeyValueList: values = 1), bytes = 7. Null when the value is empty.
    /// </summary>
    public static object? ReadAnyValue(ByteString message, int depth)
    {
        if (depth > MaxValueDepth)
        {
            throw new InvalidDataException($"An attribute value nests deeper than {MaxValueDepth} levels.");
        }

        object? value = null;
        var input = message.CreateCodedInput();
        for (var tag = input.ReadTag(); tag != 0; tag = input.ReadTag())
        {
            switch (tag)
            {
                case (1 << 3) | Length:
                    value = input.ReadString();
                    break;
                case (2 << 3) | Varint:
                    value = input.ReadBool();
                    break;
                case (3 << 3) | Varint:
                    value = input.ReadInt64();
                    break;
                case (4 << 3) | Fixed64:
                    value = input.ReadDouble();
                    break;
                case (5 << 3) | Length:
                    value = ReadArray(input.ReadBytes(), depth);
                    break;
                case (6 << 3) | Length:
                    value = ReadKeyValueList(input.ReadBytes(), depth);
                    break;
                case (7 << 3) | Length:
                    value = input.ReadBytes().ToByteArray();
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }

        return value;
    }

    private static object?[] ReadArray(ByteString message, int depth)
    {
        var values = new List<object?>();
        var input = message.CreateCodedInput();
        for (var tag = input.ReadTag(); tag != 0; tag = input.ReadTag())
        {
            if (tag == ((1 << 3) | Length))
            {
                values.Add(ReadAnyValue(input.ReadBytes(), depth + 1));
            }
            else
            {
                input.SkipLastField();
            }
        }

        return [.. values];
    }

    private static Dictionary<string, object?> ReadKeyValueList(ByteString message, int depth)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        var input = message.CreateCodedInput();
        for (var tag = input.ReadTag(); tag != 0; tag = input.ReadTag())
        {
            if (tag == ((1 << 3) | Length))
            {
                ReadKeyValue(input.ReadBytes(), values, depth + 1);
            }
            else
            {
                input.SkipLastField();
            }
        }

        return values;
    }
}
