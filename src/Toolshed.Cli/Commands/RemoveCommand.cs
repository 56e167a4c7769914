using System.CommandLine;

namespace Toolshed.Cli.Commands;

/// <summary>`shed rm NAME [--force]`: removes a workload, its container and its proxy.</summary>
internal static class RemoveCommand
{
    public static Command Create(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "Name of the server" };
        var force = new Option<bool>("--force", "-f") { Description = "Remove it even when it is running" };
        var command = new Command("rm", "Remove an MCP server") { name, force };
        command.SetAction((parse, cancellationToken) => DaemonAction.RunAsync(context, async client =>
        {
            var server = parse.GetValue(name)!;
            await client.DeleteServerAsync(server, parse.GetValue(force), cancellationToken);
            await context.Out.WriteLineAsync($"Removed '{server}'.");
            return ShedApp.ExitOk;
        }, cancellationToken));
        return command;
    }
}
