using System.Text;
using System.Text.Json;

namespace Toolshed.Clients;

/// <summary>
/// Reads JSON with comments and trailing commas (what VS Code and Zed accept) with <see cref="Utf8JsonReader"/>, keeping
/// the text positions of objects, their members and the commas between them instead of values, so that edits can
/// splice the original text. Positions are char offsets into the string that was parsed.
/// </summary>
internal sealed class JsoncParser
{
    /// <summary>How deeply objects and arrays may nest.</summary>
    public const int MaxDepth = 64;

    private static readonly JsonReaderOptions s_options = new()
    {
        CommentHandling = JsonCommentHandling.Allow,
        AllowTrailingCommas = true,
        // One more than ours, so that the parser's own check (with its clearer message) is the one that fires.
        MaxDepth = MaxDepth + 1,
    };

    private readonly string _text;
    private readonly byte[] _bytes;
    private readonly int[]? _charAt;
    private readonly int _offset;
    private readonly Stack<JsoncContainer> _open = new();
    private JsoncNode? _root;
    private JsoncPendingMember? _pending;

    private JsoncParser(string text)
    {
        _text = text;
        _bytes = Encoding.UTF8.GetBytes(text);
        _charAt = _bytes.Length == text.Length ? null : MapBytesToChars(text, _bytes.Length);
        _offset = text.StartsWith('\uFEFF') ? 3 : 0;
    }

    /// <summary>Parses a whole document; null when it holds nothing but whitespace and comments.</summary>
    public static JsoncNode? Parse(string text)
    {
        var parser = new JsoncParser(text);
        return string.IsNullOrWhiteSpace(text.TrimStart('\uFEFF')) ? null : parser.Read();
    }

    public static (int Line, int Column) LineAndColumn(string text, int position)
    {
        int line = 1, column = 1;
        for (var i = 0; i < position && i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }
        }

        return (line, column);
    }

    private JsoncNode? Read()
    {
        var reader = new Utf8JsonReader(_bytes.AsSpan(_offset), s_options);
        try
        {
            while (reader.Read())
            {
                Accept(ref reader);
            }
        }
        catch (JsonException ex)
        {
            throw ErrorAt(ex);
        }
        catch (InvalidOperationException ex)
        {
            // A property name whose escapes do not decode (a lone surrogate, say).
            throw Error(Start(reader), ex.Message);
        }

        return _root;
    }

    private void Accept(ref Utf8JsonReader reader)
    {
        var start = Start(reader);
        var end = _offset + (int)reader.BytesConsumed;
        FindComma(start);
        if (reader.TokenType == JsonTokenType.Comment)
        {
            if (_pending is { } pending)
            {
                _pending = pending with { GapStart = end };
            }

            return;
        }

        CloseMember();
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
            case JsonTokenType.StartArray:
                if (_open.Count >= MaxDepth)
                {
                    throw Error(start, $"objects and arrays nest deeper than {MaxDepth} levels");
                }

                _open.Push(new JsoncContainer(reader.TokenType == JsonTokenType.StartObject, start));
                break;
            case JsonTokenType.PropertyName:
                var container = _open.Peek();
                container.Key = reader.GetString();
                container.KeyStart = Char(start);
                break;
            case JsonTokenType.EndObject:
            case JsonTokenType.EndArray:
                var closed = _open.Pop();
                var node = closed.IsObject
                    ? new JsoncObject(Char(closed.Start), Char(end), closed.Members)
                    : new JsoncNode(Char(closed.Start), Char(end));
                Complete(node, end);
                break;
            default:
                Complete(new JsoncNode(Char(start), Char(end)), end);
                break;
        }
    }

    /// <summary>A value ended: it is the root, an array item, or the value of the member whose key came just before.</summary>
    private void Complete(JsoncNode value, int end)
    {
        if (_open.Count == 0)
        {
            _root = value;
            return;
        }

        var container = _open.Peek();
        if (container.IsObject)
        {
            _pending = new JsoncPendingMember(container, new JsoncMember(container.Key!, container.KeyStart, value, null), end);
        }
    }

    /// <summary>Between a member's value and the next token there is only whitespace and at most the comma after it.</summary>
    private void FindComma(int nextTokenStart)
    {
        if (_pending is not { } pending || pending.Member.CommaAfter is not null)
        {
            return;
        }

        var comma = Array.IndexOf(_bytes, (byte)',', pending.GapStart, nextTokenStart - pending.GapStart);
        if (comma >= 0)
        {
            _pending = pending with { Member = pending.Member with { CommaAfter = Char(comma) } };
        }
    }

    private void CloseMember()
    {
        if (_pending is { } pending)
        {
            pending.Container.Members.Add(pending.Member);
            _pending = null;
        }
    }

    private int Start(Utf8JsonReader reader) => _offset + (int)reader.TokenStartIndex;

    private int Char(int bytePosition) => _charAt is null ? bytePosition : _charAt[bytePosition];

    /// <summary>For each UTF-8 byte offset, the index of the char it belongs to (one past the end maps to the length).</summary>
    private static int[] MapBytesToChars(string text, int byteCount)
    {
        var map = new int[byteCount + 1];
        var position = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var width = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])
                ? 4
                : Encoding.UTF8.GetByteCount(text.AsSpan(i, 1));
            map.AsSpan(position, width).Fill(i);
            position += width;
            if (width == 4)
            {
                i++;
            }
        }

        map[byteCount] = text.Length;
        return map;
    }

    private ConfigParseException ErrorAt(JsonException ex)
    {
        var message = ex.Message;
        var suffix = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        message = suffix > 0 ? message[..suffix].TrimEnd('.', ' ') : message;
        if (ex.LineNumber is not { } line || ex.BytePositionInLine is not { } column)
        {
            return new ConfigParseException(message, 0, 0);
        }

        var lineStart = _offset;
        for (var i = 0; i < line; i++)
        {
            lineStart = Array.IndexOf(_bytes, (byte)'\n', lineStart) + 1;
        }

        return Error(Math.Min(lineStart + (int)column, _bytes.Length), message);
    }

    private ConfigParseException Error(int bytePosition, string message)
    {
        var (line, column) = LineAndColumn(_text, Char(bytePosition));
        return new ConfigParseException(message, line, column);
    }
}
