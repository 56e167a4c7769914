using System.CommandLine;
using Toolshed.Cli.Output;

namespace Toolshed.Cli.Commands;

/// <summary>`shed list [--all] [--format table|json]`: the workloads and where each answers.</summary>
internal static class ListCommand
{
    public static Command Create(CliContext context)
    {
        var all = new Option<bool>("--all", "-a") { Description = "Include stopped servers" };
        var format = OutputFormatOption.Create();
        var command = new Command("list", "List MCP servers (running ones; --all for every one)") { all, format };
        command.Aliases.Add("ls");
        command.SetAction((parse, cancellationToken) => DaemonAction.RunAsync(context, async client =>
        {
            var servers = await client.ListServersAsync(parse.GetValue(all), cancellationToken);
            if (parse.GetValue(format) == OutputFormat.Json)
            {
                await context.Out.WriteLineAsync(JsonOutput.Serialize(servers));
                return ShedApp.ExitOk;
            }

            if (servers.Count == 0)
            {
                await context.Out.WriteLineAsync(parse.GetValue(all)
                    ? "No servers. Start one with `shed run NAME`."
                    : "No servers are running. Start one with `shed run NAME`, or see stopped ones with `shed list --all`.");
                return ShedApp.ExitOk;
            }

            var table = new TableWriter("NAME", "IMAGE", "STATE", "TRANSPORT", "URL", "STATUS");
            foreach (var server in servers.OrderBy(s => s.Name, StringComparer.Ordinal))
            {
                table.AddRow(server.Name, server.Image, server.State, server.Transport, server.Url, server.Status);
            }

            await table.WriteAsync(context.Out);
            return ShedApp.ExitOk;
        }, cancellationToken));
        return command;
    }
}
