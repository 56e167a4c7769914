using System.CommandLine;

namespace Toolshed.Cli.Commands;

/// <summary>`shed stop NAME`: stops a workload's container and proxy, keeping its definition.</summary>
internal static class StopCommand
{
    public static Command Create(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "Name of the server" };
        var command = new Command("stop", "Stop an MCP server (keep it; `shed restart` starts it again)") { name };
        command.SetAction((parse, cancellationToken) => DaemonAction.RunAsync(context, async client =>
        {
            var server = parse.GetValue(name)!;
            await client.StopServerAsync(server, cancellationToken);
            await context.Out.WriteLineAsync($"Stopped '{server}'.");
            return ShedApp.ExitOk;
        }, cancellationToken));
        return command;
    }
}
