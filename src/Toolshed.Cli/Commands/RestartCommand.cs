using System.CommandLine;

namespace Toolshed.Cli.Commands;

/// <summary>`shed restart NAME`: starts a workload again, on the same URL.</summary>
internal static class RestartCommand
{
    public static Command Create(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "Name of the server" };
        var command = new Command("restart", "Restart an MCP server") { name };
        command.SetAction((parse, cancellationToken) => DaemonAction.RunAsync(context, async client =>
        {
            var server = parse.GetValue(name)!;
            await client.RestartServerAsync(server, cancellationToken);
            await context.Out.WriteLineAsync($"Restarted '{server}'.");
            return ShedApp.ExitOk;
        }, cancellationToken));
        return command;
    }
}
