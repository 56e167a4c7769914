using System.Globalization;

namespace Toolshed.Core.Authorization.Cedar;

/// <summary>
/// Recursive-descent parser for Cedar policy text, following the grammar of the Cedar reference
/// (Policy, Scope, Conditions, Expr → Or → And → Relation → Add → Mult → Unary → Member → Primary).
/// </summary>
internal sealed class PolicyParser
{
    private static readonly HashSet<string> s_reserved = ["true", "false", "if", "then", "else", "in", "is", "like", "has", "__cedar"];

    private readonly List<Token> _tokens;
    private int _index;

    private PolicyParser(string text) => _tokens = Lexer.Tokenize(text);

    /// <summary>Parses every policy in <paramref name="text"/>; ids are <c>policy{n}</c> counting from
    /// <paramref name="firstIndex"/>, unless an <c>@id("...")</c> annotation names the policy.</summary>
    public static List<Policy> Parse(string text, int firstIndex)
    {
        var parser = new PolicyParser(text);
        var policies = new List<Policy>();
        while (parser.Current.Kind != TokenKind.End)
        {
            policies.Add(parser.ParsePolicy(firstIndex + policies.Count));
        }

        return policies;
    }

    private Token Current => _tokens[_index];

    private Token Advance() => _tokens[_index++];

    private bool At(TokenKind kind) => Current.Kind == kind;

    private bool AtWord(string word) => Current.Kind == TokenKind.Identifier && Current.Text == word;

    private bool Accept(TokenKind kind)
    {
        if (!At(kind))
        {
            return false;
        }

        _index++;
        return true;
    }

    private bool AcceptWord(string word)
    {
        if (!AtWord(word))
        {
            return false;
        }

        _index++;
        return true;
    }

    private Token Expect(TokenKind kind, string what)
    {
        if (!At(kind))
        {
            throw Unexpected(what);
        }

        return Advance();
    }

    private void ExpectWord(string word)
    {
        if (!AcceptWord(word))
        {
            throw Unexpected($"'{word}'");
        }
    }

    private CedarSyntaxException Unexpected(string expected)
    {
        var found = Current.Kind switch
        {
            TokenKind.End => "the end of the policy text",
            TokenKind.String => $"\"{Current.Text}\"",
            _ => $"'{Current.Text}'",
        };
        return new CedarSyntaxException($"expected {expected}, found {found}", Current.Position);
    }

    private Policy ParsePolicy(int index)
    {
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal);
        while (At(TokenKind.At))
        {
            var at = Advance();
            var name = Expect(TokenKind.Identifier, "an annotation name").Text;
            var value = "";
            if (Accept(TokenKind.LeftParen))
            {
                value = CedarStrings.Unescape(Expect(TokenKind.String, "an annotation value string"));
                Expect(TokenKind.RightParen, "')'");
            }

            if (!annotations.TryAdd(name, value))
            {
                throw new CedarSyntaxException($"duplicate annotation @{name}", at.Position);
            }
        }

        bool isForbid;
        if (AcceptWord("permit"))
        {
            isForbid = false;
        }
        else if (AcceptWord("forbid"))
        {
            isForbid = true;
        }
        else
        {
            throw Unexpected("'permit' or 'forbid'");
        }

        Expect(TokenKind.LeftParen, "'('");
        var principal = ParseScope("principal", allowSet: false);
        Expect(TokenKind.Comma, "','");
        var action = ParseScope("action", allowSet: true);
        Expect(TokenKind.Comma, "','");
        var resource = ParseScope("resource", allowSet: false);
        Expect(TokenKind.RightParen, "')'");

        var conditions = new List<PolicyCondition>();
        while (AtWord("when") || AtWord("unless"))
        {
            var isUnless = Advance().Text == "unless";
            Expect(TokenKind.LeftBrace, "'{'");
            if (At(TokenKind.RightBrace))
            {
                throw Unexpected("an expression");
            }

            conditions.Add(new PolicyCondition(isUnless, ParseExpr()));
            Expect(TokenKind.RightBrace, "'}'");
        }

        Expect(TokenKind.Semicolon, "';' or a 'when'/'unless' condition");
        var id = annotations.TryGetValue("id", out var named) ? named : $"policy{index.ToString(CultureInfo.InvariantCulture)}";
        return new Policy(id, isForbid, principal, action, resource, conditions, annotations);
    }

    private ScopeConstraint ParseScope(string variable, bool allowSet)
    {
        ExpectWord(variable);
        if (Accept(TokenKind.Equal))
        {
            return new ScopeConstraint(ScopeKind.Equal, ParseEntityReference());
        }

        if (AcceptWord("in"))
        {
            if (allowSet && Accept(TokenKind.LeftBracket))
            {
                var entities = new List<EntityUid>();
                while (!At(TokenKind.RightBracket))
                {
                    entities.Add(ParseEntityReference());
                    if (!Accept(TokenKind.Comma))
                    {
                        break;
                    }
                }

                Expect(TokenKind.RightBracket, "']'");
                return new ScopeConstraint(ScopeKind.InSet, Entities: entities);
            }

            return new ScopeConstraint(ScopeKind.In, ParseEntityReference());
        }

        if (!allowSet && AcceptWord("is"))
        {
            var type = ParsePath();
            return AcceptWord("in")
                ? new ScopeConstraint(ScopeKind.IsIn, ParseEntityReference(), EntityType: type)
                : new ScopeConstraint(ScopeKind.Is, EntityType: type);
        }

        if (At(TokenKind.Identifier) || At(TokenKind.Less) || At(TokenKind.Greater))
        {
            throw Unexpected($"'==', 'in' or ',' after '{variable}'");
        }

        return ScopeConstraint.Any;
    }

    private EntityUid ParseEntityReference()
    {
        if (At(TokenKind.Identifier) && Current.Text.StartsWith('?'))
        {
            throw new CedarSyntaxException("templates (slots like ?principal) are not supported", Current.Position);
        }

        var type = ParsePath();
        Expect(TokenKind.DoubleColon, "'::' and an entity id string");
        return new EntityUid(type, CedarStrings.Unescape(Expect(TokenKind.String, "an entity id string")));
    }

    /// <summary>Reads <c>A::B::C</c> as far as the next <c>::</c> is followed by an identifier.</summary>
    private string ParsePath()
    {
        var first = Expect(TokenKind.Identifier, "an entity type");
        CheckNotReserved(first);
        var path = first.Text;
        while (At(TokenKind.DoubleColon) && _tokens[_index + 1].Kind == TokenKind.Identifier)
        {
            _index++;
            var part = Advance();
            CheckNotReserved(part);
            path += "::" + part.Text;
        }

        return path;
    }

    private static void CheckNotReserved(Token token)
    {
        if (s_reserved.Contains(token.Text))
        {
            throw new CedarSyntaxException($"'{token.Text}' is a reserved word", token.Position);
        }
    }

    private Expr ParseExpr()
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
