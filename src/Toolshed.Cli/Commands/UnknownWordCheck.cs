using System.CommandLine;
using Toolshed.Cli.Text;

namespace Toolshed.Cli.Commands;

/// <summary>
/// Turns an unknown verb or option into a usage error that names what was probably meant
/// (`shed lsit` → "Did you mean 'list'?", `shed list --al` → "Did you mean '--all'?").
/// </summary>
internal static class UnknownWordCheck
{
    /// <summary>The error for the first unknown verb on the way down the command tree, or null.</summary>
    public static string? FindUnknownVerb(Command root, IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(args);
        var command = root;
        var path = "shed";
        foreach (var word in args)
        {
            if (word.StartsWith('-') || command.Subcommands.Count == 0)
            {
                return null;
            }

            var next = command.Subcommands.FirstOrDefault(c => c.Name == word || c.Aliases.Contains(word));
            if (next is null)
            {
                // A verb with its own arguments (none today have both) would take the word as an argument.
                if (command.Arguments.Count > 0)
                {
                    return null;
                }

                var verbs = command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name);
                return $"'{word}' is not a verb of `{path}`.{DidYouMean.Sentence(word, verbs)} Run `{path} --help` for the list.";
            }

            command = next;
            path += " " + next.Name;
        }

        return null;
    }

    /// <summary>"Did you mean …" for an unmatched option of the verb being parsed, or "".</summary>
    public static string SuggestOption(ParseResult parse, string unmatched)
    {
        ArgumentNullException.ThrowIfNull(parse);
        if (!unmatched.StartsWith('-'))
        {
            return "";
        }

        var options = parse.CommandResult.Command.Options.SelectMany(o => o.Aliases.Prepend(o.Name));
        return DidYouMean.Sentence(unmatched.Split('=', 2)[0], options);
    }
}
