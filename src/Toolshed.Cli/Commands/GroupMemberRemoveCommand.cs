using System.CommandLine;
using Toolshed.Cli.Api;
using Toolshed.Cli.Output;

namespace Toolshed.Cli.Commands;

/// <summary>`shed group remove NAME WORKLOAD`: the workload leaves the group and keeps running.</summary>
internal static class GroupMemberRemoveCommand
{
    public static Command Create(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The group" };
        var workload = new Argument<string>("workload") { Description = "The member that leaves it" };
        var format = OutputFormatOption.Create();
        var command = new Command(
            "remove",
            "Take a workload out of a group; it keeps running at its own URL (to remove the whole group, `shed group rm NAME`)")
        {
            name, workload, format,
        };
        command.SetAction((parse, cancellationToken) => DaemonAction.RunAsync(context, async client =>
        {
            var member = parse.GetValue(workload)!;
            var group = await client.RemoveGroupMemberAsync(parse.GetValue(name)!, member, cancellationToken);
            return await GroupChangeOutput.WriteAsync(
                context, parse.GetValue(format), $"Removed '{member}' from group '{group.Name}'; the workload itself keeps running.", group);
        }, cancellationToken));
        return command;
    }
}
