using Toolshed.Core.Groups;
using Toolshed.Core.Tools;
using Toolshed.Server.Groups.Api;
using Toolshed.Server.Workloads.Validation;

namespace Toolshed.Cli.Commands;

/// <summary>
/// The syntax of the group verbs' values: `--conflicts prefix|priority|manual` and `--rename MEMBER/NAME=NEW`. Each
/// check returns the usage error to show, or null, so a bad value stops at parse time with exit code 2.
/// </summary>
internal static class GroupOptionSyntax
{
    public const string RenameForm = "MEMBER/NAME=NEW";

    /// <summary>The strategies' names as the API spells them: prefix, priority, manual.</summary>
    public static IReadOnlyList<string> Strategies { get; } = [.. Enum.GetNames<GroupConflictStrategy>().Select(n => n.ToLowerInvariant())];

    public static string? CheckConflicts(string value) =>
        Strategies.Contains(value, StringComparer.Ordinal)
            ? null
            : $"--conflicts '{value}' is not one of {string.Join(", ", Strategies)}: prefix shows colliding names as MEMBER_NAME, "
              + "priority lets the first member keep a name, manual needs a --rename for every collision.";

    public static string? CheckRename(string value) => TryParseRename(value, out _, out var error) ? null : error;

    /// <summary>
    /// Splits MEMBER/NAME=NEW at the first '/' and the first '=' after it: MEMBER is a workload name (dots and all),
    /// NAME its tool or prompt, NEW what the group's clients see; both names 1-128 letters, digits, '_', '-' or '.'.
    /// </summary>
    public static bool TryParseRename(string value, out GroupRenameOptions rename, out string error)
    {
        ArgumentNullException.ThrowIfNull(value);
        rename = new GroupRenameOptions();
        error = "";
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        var equals = slash < 0 ? -1 : value.IndexOf('=', slash + 1);
        if (slash <= 0 || equals < 0 || equals == slash + 1 || equals == value.Length - 1)
        {
            error = $"--rename '{value}' must be {RenameForm}: the member workload, its tool or prompt, and the name clients see, "
                + "e.g. --rename github/search=github_search.";
            return false;
        }

        var member = value[..slash];
        if (!WorkloadNameRules.IsValid(member))
        {
            error = $"--rename '{value}': MEMBER in {RenameForm} is a workload's name (`shed list --all` shows them): "
                + $"a letter or digit, then letters, digits, '_', '-' or '.', at most {WorkloadNameRules.MaxLength}.";
            return false;
        }

        var name = value[(slash + 1)..equals];
        var newName = value[(equals + 1)..];
        if (!ToolFilterRules.IsToolName(name) || !ToolFilterRules.IsToolName(newName))
        {
            error = $"--rename '{value}': NAME and NEW in {RenameForm} are tool or prompt names, 1-128 letters, digits, '_', '-' or '.'.";
            return false;
        }

        rename = new GroupRenameOptions { Member = member, Name = name, As = newName };
        return true;
    }

    /// <summary>The renames of already checked `--rename` values, in the order given.</summary>
    public static IReadOnlyList<GroupRenameOptions> ParseRenames(IEnumerable<string> values) =>
    [
        .. values.Select(value => TryParseRename(value, out var rename, out var error) ? rename : throw new CliException(error, ShedApp.ExitUsage)),
    ];
}
