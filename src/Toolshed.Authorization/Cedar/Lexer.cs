namespace Toolshed.Authorization.Cedar;

/// <summary>Splits policy text into tokens, skipping whitespace and <c>//</c> comments.</summary>
internal static class Lexer
{
    public static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        int i = 0, line = 1, lineStart = 0;
        while (true)
        {
            // Whitespace and comments.
            while (i < text.Length)
            {
                var c = text[i];
                if (c == '\n')
                {
                    i++;
                    line++;
                    lineStart = i;
                }
                else if (char.IsWhiteSpace(c))
                {
                    i++;
                }
                else if (c == '/' && i + 1 < text.Length && text[i + 1] == '/')
                {
                    while (i < text.Length && text[i] != '\n')
                    {
                        i++;
                    }
                }
                else
                {
                    break;
                }
            }

            var position = new SourcePosition(line, i - lineStart + 1);
            if (i >= text.Length)
            {
                tokens.Add(new Token(TokenKind.End, "", position));
                return tokens;
            }

            var ch = text[i];
            if (char.IsAsciiLetter(ch) || ch == '_')
            {
                var start = i;
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Identifier, text[start..i], position));
                continue;
            }

            if (char.IsAsciiDigit(ch))
            {
                var start = i;
                while (i < text.Length && char.IsAsciiDigit(text[i]))
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Integer, text[start..i], position));
                continue;
            }

            if (ch == '"')
            {
                var start = ++i;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        throw new CedarSyntaxException("unterminated string", position);
                    }

                    if (text[i] == '\\')
                    {
                        i += 2;
                        continue;
                    }

                    if (text[i] == '"')
                    {
                        break;
                    }

                    if (text[i] == '\n')
                    {
                        line++;
                        lineStart = i + 1;
                    }

                    i++;
                }

                tokens.Add(new Token(TokenKind.String, text[start..i], position));
                i++;
                continue;
            }

            var next = i + 1 < text.Length ? text[i + 1] : '\0';
            (TokenKind kind, int length) = (ch, next) switch
            {
                (':', ':') => (TokenKind.DoubleColon, 2),
                ('=', '=') => (TokenKind.Equal, 2),
                ('!', '=') => (TokenKind.NotEqual, 2),
                ('<', '=') => (TokenKind.LessEqual, 2),
                ('>', '=') => (TokenKind.GreaterEqual, 2),
                ('&', '&') => (TokenKind.And, 2),
                ('|', '|') => (TokenKind.Or, 2),
                ('(', _) => (TokenKind.LeftParen, 1),
                (')', _) => (TokenKind.RightParen, 1),
                ('[', _) => (TokenKind.LeftBracket, 1),
                (']', _) => (TokenKind.RightBracket, 1),
                ('{', _) => (TokenKind.LeftBrace, 1),
                ('}', _) => (TokenKind.RightBrace, 1),
                (',', _) => (TokenKind.Comma, 1),
                (';', _) => (TokenKind.Semicolon, 1),
                (':', _) => (TokenKind.Colon, 1),
                ('.', _) => (TokenKind.Dot, 1),
                ('@', _) => (TokenKind.At, 1),
                ('<', _) => (TokenKind.Less, 1),
                ('>', _) => (TokenKind.Greater, 1),
                ('!', _) => (TokenKind.Not, 1),
                ('-', _) => (TokenKind.Minus, 1),
                ('+', _) => (TokenKind.Plus, 1),
                ('*', _) => (TokenKind.Star, 1),
                _ => throw new CedarSyntaxException($"unexpected character '{ch}'", position),
            };
            tokens.Add(new Token(kind, text.Substring(i, length), position));
            i += length;
        }
    }
}
