using System.CommandLine;
using Toolshed.Server.Groups.Api;

namespace Toolshed.Cli.Commands;

/// <summary>
/// `--conflicts prefix|priority|manual`, `--rename MEMBER/NAME=NEW` and `--optimizer` (for `shed group create` and `shed group set`):
/// how a group names what its members offer, checked at parse time.
/// </summary>
internal sealed class GroupNamingOptions
{
    public Option<string> Conflicts { get; } = new Option<string>("--conflicts")
    {
        Description = "When members offer one name: prefix (default; the colliding ones become MEMBER_NAME), priority (the first member keeps it) or manual (every collision needs a --rename)",
        HelpName = "prefix|priority|manual",
    }.Check(GroupOptionSyntax.CheckConflicts);

    public Option<string[]> Renames { get; } = new Option<string[]>("--rename")
    {
        Description = "Show a member's tool or prompt under another name: MEMBER/NAME=NEW (repeatable)",
        HelpName = GroupOptionSyntax.RenameForm,
        Arity = ArgumentArity.ZeroOrMore,
    }.Check(GroupOptionSyntax.CheckRename);

    public Option<bool?> Optimizer { get; } = new Option<bool?>("--optimizer")
    {
        Description = "Show two tools, find_tool (a ranked search of the members' tools) and call_tool, instead of every tool; --optimizer false shows them all again",
        Arity = ArgumentArity.ZeroOrOne,
    };

    public IEnumerable<Option> All => [Conflicts, Renames, Optimizer];

    /// <summary>The renames given, or null when --rename was not.</summary>
    public IReadOnlyList<GroupRenameOptions>? ReadRenames(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return parse.GetValue(Renames) is { Length: > 0 } values ? GroupOptionSyntax.ParseRenames(values) : null;
    }
}
