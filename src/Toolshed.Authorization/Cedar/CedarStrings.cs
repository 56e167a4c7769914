using System.Globalization;
using System.Text;

namespace Toolshed.Authorization.Cedar;

/// <summary>Reads the escapes of Cedar string literals (<c>\n \r \t \\ \0 \' \" \u{hex}</c>), and of like patterns.</summary>
internal static class CedarStrings
{
    public static string Unescape(Token token) => Unescape(token, pieces: null)!;

    /// <summary>Splits a like pattern into the literal pieces between unescaped <c>*</c>.</summary>
    public static LikePattern Pattern(Token token)
    {
        var pieces = new List<string>();
        Unescape(token, pieces);
        return new LikePattern(pieces);
    }

    private static string? Unescape(Token token, List<string>? pieces)
    {
        var raw = token.Text;
        var builder = new StringBuilder(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c == '*' && pieces is not null)
            {
                pieces.Add(builder.ToString());
                builder.Clear();
                continue;
            }

            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }

            var e = i + 1 < raw.Length ? raw[++i] : '\0';
            switch (e)
            {
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                case '0': builder.Append('\0'); break;
                case '\\': builder.Append('\\'); break;
                case '\'': builder.Append('\''); break;
                case '"': builder.Append('"'); break;
                case '*' when pieces is not null: builder.Append('*'); break;
                case 'u' when i + 1 < raw.Length && raw[i + 1] == '{':
                    var close = raw.IndexOf('}', i + 2);
                    if (close < 0 || close - (i + 2) is < 1 or > 6
                        || !int.TryParse(raw.AsSpan(i + 2, close - (i + 2)), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code)
                        || code > 0x10FFFF || code is >= 0xD800 and <= 0xDFFF)
                    {
                        throw new CedarSyntaxException("invalid \\u{...} escape in string", token.Position);
                    }

                    builder.Append(char.ConvertFromUtf32(code));
                    i = close;
                    break;
                default:
                    throw new CedarSyntaxException($"invalid escape '\\{e}' in string", token.Position);
            }
        }

        if (pieces is null)
        {
            return builder.ToString();
        }

        pieces.Add(builder.ToString());
        return null;
    }
}
