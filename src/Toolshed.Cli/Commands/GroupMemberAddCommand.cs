using System.CommandLine;
using Toolshed.Cli.Api;
using Toolshed.Cli.Output;

namespace Toolshed.Cli.Commands;

/// <summary>`shed group add NAME WORKLOAD`: the workload joins the group, last in its order.</summary>
internal static class GroupMemberAddCommand
{
    public static Command Create(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The group" };
        var workload = new Argument<string>("workload") { Description = "The workload that joins it (last in its order)" };
        var format = OutputFormatOption.Create();
        var command = new Command("add", "Add a workload to a group; the group's clients are told its tools and prompts changed") { name, workload, format };
        command.SetAction((parse, cancellationToken) => DaemonAction.RunAsync(context, async client =>
        {
            var member = parse.GetValue(workload)!;
            var group = await client.AddGroupMemberAsync(parse.GetValue(name)!, member, cancellationToken);
            return await GroupChangeOutput.WriteAsync(context, parse.GetValue(format), $"Added '{member}' to group '{group.Name}'.", group);
        }, cancellationToken));
        return command;
    }
}
