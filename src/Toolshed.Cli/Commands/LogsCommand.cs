using System.CommandLine;
using Toolshed.Cli.Api;

namespace Toolshed.Cli.Commands;

/// <summary>`shed logs NAME [--tail N] [--follow] [--audit]`: a workload's recent output (or, with --audit, its proxy's audit log); --follow keeps printing new lines.</summary>
internal static class LogsCommand
{
    // Follow mode fetches this many lines per poll, so that bursts between polls are not lost.
    private const int FollowWindow = 1000;

    public static Command Create(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "Name of the server" };
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing new output until Ctrl+C" };
        var tail = new Option<int>("--tail", "-n") { Description = "How many recent lines to show", DefaultValueFactory = _ => 100 }
            .CheckInt(value => value is < 1 or > 10_000 ? $"--tail must be between 1 and 10000, not {value}." : null);

        var audit = new Option<bool>("--audit") { Description = "Show the proxy's audit log (one JSON line per MCP request) instead of the server's output" };

        var command = new Command("logs", "Show an MCP server's output") { name, follow, tail, audit };
        command.SetAction((parse, cancellationToken) => DaemonAction.RunAsync(context, async client =>
        {
            var server = parse.GetValue(name)!;
            var lines = parse.GetValue(tail);
            if (parse.GetValue(audit))
            {
                await context.Out.WriteAsync(await client.GetAuditAsync(server, lines, cancellationToken));
                await context.Out.FlushAsync(cancellationToken);
                return ShedApp.ExitOk;
            }

            if (!parse.GetValue(follow))
            {
                await context.Out.WriteAsync(await client.GetLogsAsync(server, lines, cancellationToken));
                await context.Out.FlushAsync(cancellationToken);
                return ShedApp.ExitOk;
            }

            return await FollowAsync(context, client, server, lines, cancellationToken);
        }, cancellationToken));
        return command;
    }

    private static async Task<int> FollowAsync(CliContext context, ToolshedApiClient client, string server, int tail, CancellationToken cancellationToken)
    {
        try
        {
            var seen = LogLines.Split(await client.GetLogsAsync(server, FollowWindow, cancellationToken));
            await WriteLinesAsync(context.Out, seen.Skip(Math.Max(0, seen.Count - tail)), cancellationToken);
            while (true)
            {
                await Task.Delay(context.LogPollInterval, context.TimeProvider, cancellationToken);
                var current = LogLines.Split(await client.GetLogsAsync(server, FollowWindow, cancellationToken));
                await WriteLinesAsync(context.Out, LogLines.NewSince(seen, current, FollowWindow), cancellationToken);
                seen = current;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ShedApp.ExitOk;
        }
    }

    private static async Task WriteLinesAsync(TextWriter output, IEnumerable<string> lines, CancellationToken cancellationToken)
    {
        foreach (var line in lines)
        {
            await output.WriteLineAsync(line);
        }

        await output.FlushAsync(cancellationToken);
    }
}
