using System.CommandLine;
using System.CommandLine.Parsing;
using Toolshed.Cli.Text;

namespace Toolshed.Cli.Commands;

/// <summary>
/// Keeps a mistyped `shed run` option from becoming an argument of the server: a word that looks like an option and
/// comes before `--` is a usage error naming the nearest real option; the server's own arguments go after `--`.
/// </summary>
internal static class ServerArgumentsCheck
{
    /// <summary>The usage error for the first option-like server argument before `--`, or null when there is none.</summary>
    public static string? Find(ParseResult parse, Argument<string[]> serverArguments, Command command)
    {
        ArgumentNullException.ThrowIfNull(parse);
        if (parse.GetResult(serverArguments) is not { Tokens.Count: > 0 } consumed)
        {
            return null;
        }

        var doubleDash = -1;
        for (var i = 0; i < parse.Tokens.Count; i++)
        {
            if (parse.Tokens[i].Type == TokenType.DoubleDash)
            {
                doubleDash = i;
                break;
            }
        }

        foreach (var token in consumed.Tokens)
        {
            var position = IndexOf(parse.Tokens, token);
            if (token.Value is ['-', _, ..] && (doubleDash < 0 || position < doubleDash))
            {
                var options = command.Options.SelectMany(o => o.Aliases.Prepend(o.Name));
                var name = token.Value.Split('=', 2)[0];
                return $"'{name}' is not an option of `shed {command.Name}`.{DidYouMean.Sentence(name, options)}"
                    + $" Arguments for the server go after `--`, e.g. `shed {command.Name} IMAGE [options] -- {token.Value}`.";
            }
        }

        return null;
    }

    private static int IndexOf(IReadOnlyList<Token> tokens, Token token)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            if (ReferenceEquals(tokens[i], token))
            {
                return i;
            }
        }

        return -1;
    }
}
