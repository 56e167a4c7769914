using System.CommandLine;
using Toolshed.Cli.Api;
using Toolshed.Cli.Output;

namespace Toolshed.Cli.Commands;

/// <summary>`shed group list [--format table|json]`: the groups, where each answers and how many of its members run.</summary>
internal static class GroupListCommand
{
    public static Command Create(CliContext context)
    {
        var format = OutputFormatOption.Create();
        var command = new Command("list", "List the groups: their URLs, members running of all, and conflict strategies") { format };
        command.Aliases.Add("ls");
        command.SetAction((parse, cancellationToken) => DaemonAction.RunAsync(context, async client =>
        {
            var groups = await client.ListGroupsAsync(cancellationToken);
            if (parse.GetValue(format) == OutputFormat.Json)
            {
                await context.Out.WriteLineAsync(JsonOutput.Serialize(groups));
                return ShedApp.ExitOk;
            }

            if (groups.Count == 0)
            {
                await context.Out.WriteLineAsync("No groups. Create one with `shed group create NAME --member WORKLOAD`.");
                return ShedApp.ExitOk;
            }

            var table = new TableWriter("NAME", "URL", "MEMBERS", "CONFLICTS");
            foreach (var group in groups.OrderBy(g => g.Name, StringComparer.Ordinal))
            {
                table.AddRow(group.Name, group.Url is { Length: > 0 } url ? url : "(not listening)", GroupSummaryText.RunningOfTotal(group), group.Conflicts);
            }

            await table.WriteAsync(context.Out);
            return ShedApp.ExitOk;
        }, cancellationToken));
        return command;
    }
}
