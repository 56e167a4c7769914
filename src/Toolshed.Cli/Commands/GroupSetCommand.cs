using System.CommandLine;
using Toolshed.Cli.Api;
using Toolshed.Cli.Output;
using Toolshed.Server.Groups.Api;

namespace Toolshed.Cli.Commands;

/// <summary>
/// `shed group set NAME [--conflicts S] [--rename MEMBER/NAME=NEW]... [--no-renames] [--optimizer true|false]`: changes how a group names what
/// its members offer. --rename replaces every rename with those given, --no-renames clears them, neither keeps them.
/// </summary>
internal static class GroupSetCommand
{
    public static Command Create(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The group" };
        var naming = new GroupNamingOptions();
        naming.Renames.Description = "Replace the group's renames with these: MEMBER/NAME=NEW (repeatable; the renames not given again are dropped)";
        var noRenames = new Option<bool>("--no-renames") { Description = "Drop every rename: members' names are shown as they give them" };
        var format = OutputFormatOption.Create();
        var command = new Command(
            "set",
            "Change a group's conflict strategy or renames while it serves; its clients are told the lists changed")
        {
            name,
        };
        foreach (var option in naming.All)
        {
            command.Options.Add(option);
        }

        command.Options.Add(noRenames);
        command.Options.Add(format);
        command.Validators.Add(result =>
        {
            var renames = result.GetResult(naming.Renames) is { Tokens.Count: > 0 };
            var clear = result.GetResult(noRenames) is not null && result.GetValue(noRenames);
            if (renames && clear)
            {
                result.AddError("--rename and --no-renames contradict each other: give the renames to keep, or --no-renames to drop them all.");
            }
            else if (!renames && !clear && result.GetResult(naming.Conflicts) is null && result.GetResult(naming.Optimizer) is null)
            {
                result.AddError(
                    $"Nothing to change: give --conflicts {string.Join("|", GroupOptionSyntax.Strategies)}, --rename {GroupOptionSyntax.RenameForm} (repeatable), --no-renames or --optimizer true|false. See the group with `shed group inspect NAME`.");
            }
        });
        command.SetAction((parse, cancellationToken) => DaemonAction.RunAsync(context, async client =>
        {
            var request = new UpdateGroupRequest
            {
                Conflicts = parse.GetValue(naming.Conflicts),
                Renames = parse.GetValue(noRenames) ? [] : naming.ReadRenames(parse),
                Optimizer = parse.GetResult(naming.Optimizer) is null ? null : parse.GetValue(naming.Optimizer) ?? true,
            };
            var group = await client.UpdateGroupAsync(parse.GetValue(name)!, request, cancellationToken);
            return await GroupChangeOutput.WriteAsync(context, parse.GetValue(format), $"Updated group '{group.Name}'.", group);
        }, cancellationToken));
        return command;
    }
}
