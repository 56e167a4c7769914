using System.Globalization;

namespace Toolshed.Authorization.Cedar;

/// <summary>The expression half of the parser: conditions, by precedence from if-then-else down to primaries.</summary>
internal sealed partial class PolicyParser
{
    private Expr ParseExpr()
    {
        if (++_nesting > MaxNesting)
        {
            throw new CedarSyntaxException($"the expression nests deeper than {MaxNesting} levels", Current.Position);
        }

        try
        {
            return ParseExprUnguarded();
        }
        finally
        {
            _nesting--;
        }
    }

    private Expr ParseExprUnguarded()
    {
        if (AcceptWord("if"))
        {
            var condition = ParseExpr();
            ExpectWord("then");
            var then = ParseExpr();
            ExpectWord("else");
            var otherwise = ParseExpr();
            return new Expr { Kind = ExprKind.IfThenElse, Left = condition, Right = then, Third = otherwise };
        }

        return ParseOr();
    }

    private Expr ParseOr()
    {
        var left = ParseAnd();
        while (Accept(TokenKind.Or))
        {
            left = Expr.Binary(ExprKind.Or, left, ParseAnd());
        }

        return left;
    }

    private Expr ParseAnd()
    {
        var left = ParseRelation();
        while (Accept(TokenKind.And))
        {
            left = Expr.Binary(ExprKind.And, left, ParseRelation());
        }

        return left;
    }

    private Expr ParseRelation()
    {
        var left = ParseAdd();
        ExprKind? comparison = Current.Kind switch
        {
            TokenKind.Equal => ExprKind.Equal,
            TokenKind.NotEqual => ExprKind.NotEqual,
            TokenKind.Less => ExprKind.Less,
            TokenKind.LessEqual => ExprKind.LessEqual,
            TokenKind.Greater => ExprKind.Greater,
            TokenKind.GreaterEqual => ExprKind.GreaterEqual,
            _ => null,
        };
        if (comparison is { } kind)
        {
            _index++;
            return Expr.Binary(kind, left, ParseAdd());
        }

        if (AcceptWord("in"))
        {
            return Expr.Binary(ExprKind.In, left, ParseAdd());
        }

        if (AcceptWord("has"))
        {
            if (At(TokenKind.String))
            {
                return new Expr { Kind = ExprKind.Has, Left = left, Name = CedarStrings.Unescape(Advance()) };
            }

            var attribute = Expect(TokenKind.Identifier, "an attribute name");
            if (At(TokenKind.Dot))
            {
                throw new CedarSyntaxException("'has' with an attribute path (a has b.c) is not supported", Current.Position);
            }

            return new Expr { Kind = ExprKind.Has, Left = left, Name = attribute.Text };
        }

        if (AcceptWord("like"))
        {
            return new Expr { Kind = ExprKind.Like, Left = left, Pattern = CedarStrings.Pattern(Expect(TokenKind.String, "a pattern string")) };
        }

        if (AcceptWord("is"))
        {
            var type = ParsePath();
            var isExpr = new Expr { Kind = ExprKind.Is, Left = left, Name = type };
            return AcceptWord("in") ? Expr.Binary(ExprKind.And, isExpr, Expr.Binary(ExprKind.In, left, ParseAdd())) : isExpr;
        }

        return left;
    }

    private Expr ParseAdd()
    {
        var left = ParseMultiply();
        while (At(TokenKind.Plus) || At(TokenKind.Minus))
        {
            var kind = Advance().Kind == TokenKind.Plus ? ExprKind.Add : ExprKind.Subtract;
            left = Expr.Binary(kind, left, ParseMultiply());
        }

        return left;
    }

    private Expr ParseMultiply()
    {
        var left = ParseUnary();
        while (Accept(TokenKind.Star))
        {
            left = Expr.Binary(ExprKind.Multiply, left, ParseUnary());
        }

        return left;
    }

    private Expr ParseUnary()
    {
        var operators = new List<TokenKind>();
        while (At(TokenKind.Not) || At(TokenKind.Minus))
        {
            operators.Add(Advance().Kind);
        }

        if (operators.Count > 4)
        {
            throw new CedarSyntaxException("more than 4 unary operators in a row", Current.Position);
        }

        Expr operand;
        if (operators.Count > 0 && operators[^1] == TokenKind.Minus && At(TokenKind.Integer))
        {
            // A minus directly before a literal is part of it, so -9223372036854775808 is a valid long.
            operators.RemoveAt(operators.Count - 1);
            operand = ParseMember(ParseInteger(negative: true));
        }
        else
        {
            operand = ParseMember(ParsePrimary());
        }

        for (var i = operators.Count - 1; i >= 0; i--)
        {
            operand = Expr.Unary(operators[i] == TokenKind.Not ? ExprKind.Not : ExprKind.Negate, operand);
        }

        return operand;
    }

    private Expr ParseInteger(bool negative)
    {
        var token = Advance();
        var digits = negative ? "-" + token.Text : token.Text;
        if (!long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw new CedarSyntaxException($"integer literal {digits} is out of range for a long", token.Position);
        }

        return new Expr { Kind = ExprKind.Literal, Value = CedarValue.Of(value) };
    }

    private Expr ParseMember(Expr target)
    {
        while (true)
        {
            if (Accept(TokenKind.Dot))
            {
                var name = Expect(TokenKind.Identifier, "an attribute or method name");
                if (!Accept(TokenKind.LeftParen))
                {
                    target = new Expr { Kind = ExprKind.GetAttribute, Left = target, Name = name.Text };
                    continue;
                }

                var arguments = ParseList(TokenKind.RightParen, "')'");
                ExprKind kind = name.Text switch
                {
                    "contains" => ExprKind.Contains,
                    "containsAll" => ExprKind.ContainsAll,
                    "containsAny" => ExprKind.ContainsAny,
                    "isEmpty" => ExprKind.IsEmpty,
                    _ => throw new CedarSyntaxException($"method '{name.Text}' is not supported", name.Position),
                };
                var expected = kind == ExprKind.IsEmpty ? 0 : 1;
                if (arguments.Count != expected)
                {
                    throw new CedarSyntaxException($"'{name.Text}' takes {expected} argument(s), got {arguments.Count}", name.Position);
                }

                target = kind == ExprKind.IsEmpty ? Expr.Unary(kind, target) : Expr.Binary(kind, target, arguments[0]);
            }
            else if (Accept(TokenKind.LeftBracket))
            {
                var name = CedarStrings.Unescape(Expect(TokenKind.String, "an attribute name string"));
                Expect(TokenKind.RightBracket, "']'");
                target = new Expr { Kind = ExprKind.GetAttribute, Left = target, Name = name };
            }
            else
            {
                return target;
            }
        }
    }

    private List<Expr> ParseList(TokenKind close, string closeText)
    {
        var items = new List<Expr>();
        while (!At(close))
        {
            items.Add(ParseExpr());
            if (!Accept(TokenKind.Comma))
            {
                break;
            }
        }

        Expect(close, closeText);
        return items;
    }

    private Expr ParsePrimary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Integer:
                return ParseInteger(negative: false);
            case TokenKind.String:
                _index++;
                return new Expr { Kind = ExprKind.Literal, Value = CedarValue.Of(CedarStrings.Unescape(token)) };
            case TokenKind.LeftParen:
                _index++;
                var inner = ParseExpr();
                Expect(TokenKind.RightParen, "')'");
                return inner;
            case TokenKind.LeftBracket:
                _index++;
                return new Expr { Kind = ExprKind.SetLiteral, Items = ParseList(TokenKind.RightBracket, "']'") };
            case TokenKind.LeftBrace:
                _index++;
                return ParseRecord();
            case TokenKind.Identifier:
                break;
            default:
                throw Unexpected("an expression");
        }

        switch (token.Text)
        {
            case "true":
            case "false":
                _index++;
                return new Expr { Kind = ExprKind.Literal, Value = CedarValue.Of(token.Text == "true") };
            case "principal":
                _index++;
                return new Expr { Kind = ExprKind.Principal };
            case "action":
                _index++;
                return new Expr { Kind = ExprKind.Action };
            case "resource":
                _index++;
                return new Expr { Kind = ExprKind.Resource };
            case "context":
                _index++;
                return new Expr { Kind = ExprKind.Context };
            case "if":
                return ParseExpr();
        }

        var path = ParsePath();
        if (At(TokenKind.LeftParen))
        {
            throw new CedarSyntaxException($"extension function '{path}' is not supported", token.Position);
        }

        if (!At(TokenKind.DoubleColon))
        {
            throw new CedarSyntaxException($"unknown variable '{path}'", token.Position);
        }

        _index++;
        var id = CedarStrings.Unescape(Expect(TokenKind.String, "an entity id string"));
        return new Expr { Kind = ExprKind.Literal, Value = CedarValue.Entity(path, id) };
    }

    private Expr ParseRecord()
    {
        var fields = new List<KeyValuePair<string, Expr>>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        while (!At(TokenKind.RightBrace))
        {
            var key = Current;
            var name = key.Kind switch
            {
                TokenKind.String => CedarStrings.Unescape(key),
                TokenKind.Identifier => key.Text,
                _ => throw Unexpected("a record field name"),
            };
            _index++;
            if (!names.Add(name))
            {
                throw new CedarSyntaxException($"duplicate record field \"{name}\"", key.Position);
            }

            Expect(TokenKind.Colon, "':'");
            fields.Add(new(name, ParseExpr()));
            if (!Accept(TokenKind.Comma))
            {
                break;
            }
        }

        Expect(TokenKind.RightBrace, "'}'");
        return new Expr { Kind = ExprKind.RecordLiteral, Fields = fields };
    }
}
