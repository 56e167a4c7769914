using System.CommandLine;
using Toolshed.Cli.Mcp;

namespace Toolshed.Cli.Commands;

/// <summary>`shed restart NAME`: starts a workload again, on the same URL, and reports it only once it answers MCP.</summary>
internal static class RestartCommand
{
    public static Command Create(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "Name of the server" };
        var command = new Command("restart", "Restart an MCP server and wait until it answers MCP again") { name };
        command.SetAction((parse, cancellationToken) => DaemonAction.RunAsync(context, async client =>
        {
            var server = parse.GetValue(name)!;
            var before = await client.GetServerAsync(server, cancellationToken);
            await client.RestartServerAsync(server, cancellationToken);
            var after = await client.GetServerAsync(server, cancellationToken);
            var readiness = await WorkloadReadiness.WaitAsync(
                client, server, new Uri(after.Url), before.RestartCount, context.StartTimeout, context.TimeProvider, cancellationToken);
            if (!readiness.IsReady)
            {
                throw await ReadinessFailure.DescribeAsync(client, server, readiness, cancellationToken);
            }

            await context.Out.WriteLineAsync($"Restarted '{server}'; it answers MCP at {after.Url}.");
            return ShedApp.ExitOk;
        }, cancellationToken));
        return command;
    }
}
