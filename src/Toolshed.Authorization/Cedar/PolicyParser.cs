using System.Globalization;

namespace Toolshed.Authorization.Cedar;

/// <summary>
/// Recursive-descent parser for Cedar policy text, following the grammar of the Cedar reference
/// (Policy, Scope, Conditions, Expr → Or → And → Relation → Add → Mult → Unary → Member → Primary).
/// </summary>
internal sealed partial class PolicyParser
{
    private static readonly HashSet<string> s_reserved = ["true", "false", "if", "then", "else", "in", "is", "like", "has", "__cedar"];

    /// <summary>How deeply parentheses, if-then-else, sets and records may nest: the parser recurses on each level.</summary>
    public const int MaxNesting = 64;

    /// <summary>How deep a condition's tree may grow through chained operators (a || b || …, a.b.c…): the evaluator
    /// recurses on each level.</summary>
    public const int MaxExpressionDepth = 500;

    private readonly List<Token> _tokens;
    private int _index;
    private int _nesting;

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

            var start = Current.Position;
            var condition = ParseExpr();
            if (ExprDepth.Of(condition) > MaxExpressionDepth)
            {
                throw new CedarSyntaxException($"the condition is more than {MaxExpressionDepth} operators deep; split it into several policies", start);
            }

            conditions.Add(new PolicyCondition(isUnless, condition));
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
}
