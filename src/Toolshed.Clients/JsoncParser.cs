using System.Globalization;
using System.Text;

namespace Toolshed.Clients;

/// <summary>
/// A small JSON-with-comments parser that keeps text positions instead of building values, so edits can splice the
/// original text. Accepts // and /* */ comments and trailing commas (what VS Code and Zed accept).
/// </summary>
internal sealed class JsoncParser
{
    /// <summary>How deeply objects and arrays may nest (the parser recurses on each level).</summary>
    public const int MaxDepth = 64;

    private readonly string _text;
    private int _position;
    private int _depth;

    private JsoncParser(string text) => _text = text;

    /// <summary>Parses a whole document; null when it holds nothing but whitespace and comments.</summary>
    public static JsoncNode? Parse(string text)
    {
        var parser = new JsoncParser(text);
        parser.SkipTrivia();
        if (parser._position >= text.Length)
        {
            return null;
        }

        var root = parser.ParseValue();
        parser.SkipTrivia();
        if (parser._position < text.Length)
        {
            throw parser.Error("unexpected text after the end of the document");
        }

        return root;
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

    private JsoncNode ParseValue()
    {
        SkipTrivia();
        if (_position >= _text.Length)
        {
            throw Error("unexpected end of file; a value was expected");
        }

        var c = _text[_position];
        if (c is '{' or '[')
        {
            if (++_depth > MaxDepth)
            {
                throw Error($"objects and arrays nest deeper than {MaxDepth} levels");
            }

            try
            {
                return c == '{' ? ParseObject() : ParseArray();
            }
            finally
            {
                _depth--;
            }
        }

        return c switch
        {
            '"' => new JsoncNode(_position, SkipString()),
            '-' or (>= '0' and <= '9') => ParseNumber(),
            't' => ParseLiteral("true"),
            'f' => ParseLiteral("false"),
            'n' => ParseLiteral("null"),
            _ => throw Error($"unexpected character '{c}'"),
        };
    }

    private JsoncObject ParseObject()
    {
        var start = _position++;
        var members = new List<JsoncMember>();
        while (true)
        {
            SkipTrivia();
            if (Peek() == '}')
            {
                _position++;
                return new JsoncObject(start, _position, members);
            }

            if (Peek() != '"')
            {
                throw Error("a property name in double quotes or '}' was expected");
            }

            var keyStart = _position;
            var key = ReadString();
            SkipTrivia();
            if (Peek() != ':')
            {
                throw Error("':' was expected after the property name");
            }

            _position++;
            var value = ParseValue();
            SkipTrivia();
            int? comma = null;
            if (Peek() == ',')
            {
                comma = _position++;
            }
            else if (Peek() != '}')
            {
                throw Error("',' or '}' was expected");
            }

            members.Add(new JsoncMember(key, keyStart, value, comma));
        }
    }

    private JsoncNode ParseArray()
    {
        var start = _position++;
        while (true)
        {
            SkipTrivia();
            if (Peek() == ']')
            {
                _position++;
                return new JsoncNode(start, _position);
            }

            ParseValue();
            SkipTrivia();
            if (Peek() == ',')
            {
                _position++;
            }
            else if (Peek() != ']')
            {
                throw Error("',' or ']' was expected");
            }
        }
    }

    private JsoncNode ParseNumber()
    {
        var start = _position;
        while (_position < _text.Length && "+-0123456789.eE".Contains(_text[_position], StringComparison.Ordinal))
        {
            _position++;
        }

        if (!double.TryParse(_text.AsSpan(start, _position - start), NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            _position = start;
            throw Error("invalid number");
        }

        return new JsoncNode(start, _position);
    }

    private JsoncNode ParseLiteral(string literal)
    {
        if (string.CompareOrdinal(_text, _position, literal, 0, literal.Length) != 0)
        {
            throw Error($"unexpected character '{_text[_position]}'");
        }

        var start = _position;
        _position += literal.Length;
        return new JsoncNode(start, _position);
    }

    private string ReadString()
    {
        var start = _position;
        var end = SkipString();
        var raw = _text.AsSpan(start + 1, end - start - 2);
        if (!raw.Contains('\\'))
        {
            return raw.ToString();
        }

        var builder = new StringBuilder();
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] != '\\')
            {
                builder.Append(raw[i]);
                continue;
            }

            var escape = raw[++i];
            builder.Append(escape switch
            {
                'n' => "\n",
                't' => "\t",
                'r' => "\r",
                'b' => "\b",
                'f' => "\f",
                'u' => ((char)int.Parse(raw.Slice(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToString(),
                _ => escape.ToString(),
            });
            if (escape == 'u')
            {
                i += 4;
            }
        }

        return builder.ToString();
    }

    /// <summary>Moves past a string starting at the current '"'; returns the position just past its closing quote.</summary>
    private int SkipString()
    {
        var start = _position++;
        while (_position < _text.Length)
        {
            var c = _text[_position++];
            if (c == '\\')
            {
                if (_position < _text.Length && _text[_position] == 'u'
                    && (_position + 5 > _text.Length || !int.TryParse(_text.AsSpan(_position + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out _)))
                {
                    throw Error("invalid \\u escape");
                }

                _position++;
            }
            else if (c == '"')
            {
                return _position;
            }
            else if (c == '\n')
            {
                _position--;
                throw Error("a line break inside a string");
            }
        }

        _position = start;
        throw Error("a string that is never closed");
    }

    private void SkipTrivia()
    {
        while (_position < _text.Length)
        {
            var c = _text[_position];
            if (char.IsWhiteSpace(c) || c == '\uFEFF')
            {
                _position++;
            }
            else if (c == '/' && Peek(1) == '/')
            {
                while (_position < _text.Length && _text[_position] != '\n')
                {
                    _position++;
                }
            }
            else if (c == '/' && Peek(1) == '*')
            {
                var end = _text.IndexOf("*/", _position + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    throw Error("a /* comment that is never closed");
                }

                _position = end + 2;
            }
            else
            {
                return;
            }
        }
    }

    private char Peek(int offset = 0) => _position + offset < _text.Length ? _text[_position + offset] : '\0';

    private ConfigParseException Error(string message)
    {
        var (line, column) = LineAndColumn(_text, _position);
        return new ConfigParseException(message, line, column);
    }
}
