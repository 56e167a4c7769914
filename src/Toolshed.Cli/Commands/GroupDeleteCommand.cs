using System.CommandLine;
using Toolshed.Cli.Api;

namespace Toolshed.Cli.Commands;

/// <summary>`shed group rm NAME`: the group and its endpoint go; its members keep running.</summary>
internal static class GroupDeleteCommand
{
    public static Command Create(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The group" };
        var command = new Command(
            "rm",
            "Remove a group and its URL; its members keep running (to take one workload out, `shed group remove NAME WORKLOAD`)")
        {
            name,
        };
        command.SetAction((parse, cancellationToken) => DaemonAction.RunAsync(context, async client =>
        {
            var group = parse.GetValue(name)!;
            await client.DeleteGroupAsync(group, cancellationToken);
            await context.Out.WriteLineAsync($"Removed group '{group}'. Its members keep running at their own URLs (`shed list`); stop one with `shed stop WORKLOAD`.");
            return ShedApp.ExitOk;
        }, cancellationToken));
        return command;
    }
}
