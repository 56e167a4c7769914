using System.CommandLine;
using Toolshed.Cli.Daemon;
using Toolshed.Cli.Output;
using Toolshed.Core.Configuration;
using Toolshed.Server.Api.Auth;

namespace Toolshed.Cli.Commands;

/// <summary>
/// `shed daemon status|start|stop|token|logs|install|uninstall`: the daemon of this state root (TOOLSHED_HOME, or the XDG directories),
/// found through the daemon.json it writes next to its lock.
/// </summary>
internal static class DaemonCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("daemon",
            "Show, start, stop or install as a service the Toolshed daemon of this state root; print its API token. "
            + "shed finds it at TOOLSHED_API_URL when set, else through state/daemon.json, else at http://127.0.0.1:8080 (`shed serve`'s default port)");
        command.Subcommands.Add(Status(context));
        command.Subcommands.Add(Start(context));
        command.Subcommands.Add(Stop(context));
        command.Subcommands.Add(Token(context));
        command.Subcommands.Add(Logs(context));
        command.Subcommands.Add(DaemonInstallCommand.Create(context));
        command.Subcommands.Add(DaemonUninstallCommand.Create(context));
        return command;
    }

    private static ToolshedPaths PathsOf(CliContext context) => context.Paths ?? ToolshedPaths.FromEnvironment();

    private static Command Status(CliContext context)
    {
        var format = OutputFormatOption.Create();
        var command = new Command("status", "Whether the daemon runs, where it answers, its pid, log and token file; exit 1 when it does not run") { format };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var paths = PathsOf(context);
            var info = DaemonInfoFile.ReadLive(paths.DaemonInfoPath);
            var status = new DaemonStatus
            {
                Running = info is not null,
                Url = info?.Url,
                ProcessId = info?.ProcessId,
                Version = info?.Version,
                StartedAt = info?.StartedAt,
                StateRoot = paths.StateDirectory,
                Log = paths.DaemonLogPath,
                TokenFile = paths.ApiTokenPath,
            };
            if (parse.GetValue(format) == OutputFormat.Json)
            {
                await context.Out.WriteLineAsync(JsonOutput.Serialize(status));
            }
            else if (info is null)
            {
                await context.Out.WriteLineAsync($"No Toolshed daemon runs on the state root {paths.StateDirectory}. Start one with `shed daemon start` (or `shed serve` in a terminal).");
            }
            else
            {
                await context.Out.WriteLineAsync($"Toolshed {info.Version} runs at {info.Url} (pid {info.ProcessId}, since {info.StartedAt.ToLocalTime():yyyy-MM-dd HH:mm:ss})");
                await context.Out.WriteLineAsync($"  state: {paths.StateDirectory}");
                await context.Out.WriteLineAsync($"  log:   {paths.DaemonLogPath} (background daemons only)");
                await context.Out.WriteLineAsync($"  token: {paths.ApiTokenPath}");
                await context.Out.WriteLineAsync("Workload URLs are served by the daemon: they answer while it runs.");
            }

            return info is null ? ShedApp.ExitFailure : ShedApp.ExitOk;
        });
        return command;
    }

    private static Command Start(CliContext context)
    {
        var command = new Command("start", "Start the daemon in the background, unless one already answers");
        command.SetAction((parse, cancellationToken) => DaemonAction.RunAsync(context, async client =>
        {
            await context.Out.WriteLineAsync($"The Toolshed daemon answers at {client.BaseUrl}");
            return ShedApp.ExitOk;
        }, cancellationToken));
        return command;
    }

    private static Command Stop(CliContext context)
    {
        var command = new Command("stop", "Stop the daemon (workloads keep running, but their URLs go down until it starts again)");
        command.SetAction(async (parse, cancellationToken) =>
        {
            var paths = PathsOf(context);
            var (problem, stopped) = await DaemonStopper.StopAsync(context, paths, cancellationToken);
            if (problem is not null)
            {
                await context.Error.WriteLineAsync($"shed: {problem}");
                return ShedApp.ExitFailure;
            }

            await context.Error.WriteLineAsync(stopped is { } pid
                ? $"Stopped the Toolshed daemon (pid {pid}). Workloads keep running; their URLs answer again once it starts."
                : $"No Toolshed daemon runs on the state root {paths.StateDirectory}.");
            return ShedApp.ExitOk;
        });
        return command;
    }

    private static Command Token(CliContext context)
    {
        var command = new Command("token", "Print the API token, for clients other than shed (curl, scripts)");
        command.SetAction((parse, cancellationToken) => DaemonAction.RunAsync(context, async client =>
        {
            var paths = PathsOf(context);
            if (ApiTokenFile.Read(paths.ApiTokenPath) is not { } token)
            {
                await context.Error.WriteLineAsync($"shed: no API token in {paths.ApiTokenPath}; a daemon started with --oidc-* takes OIDC tokens instead.");
                return ShedApp.ExitFailure;
            }

            await context.Out.WriteLineAsync(token);
            return ShedApp.ExitOk;
        }, cancellationToken));
        return command;
    }

    private static Command Logs(CliContext context)
    {
        var tail = new Option<int>("--tail") { Description = "How many of the last lines to print", DefaultValueFactory = _ => 100 };
        var command = new Command("logs", "Print the end of the log of a daemon shed started in the background") { tail };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var paths = PathsOf(context);
            if (!File.Exists(paths.DaemonLogPath))
            {
                await context.Error.WriteLineAsync($"No daemon log at {paths.DaemonLogPath}: a daemon run with `shed serve` logs to its terminal.");
                return ShedApp.ExitFailure;
            }

            foreach (var line in await LogTail.ReadAsync(paths.DaemonLogPath, Math.Max(1, parse.GetValue(tail)), cancellationToken))
            {
                await context.Out.WriteLineAsync(line);
            }

            return ShedApp.ExitOk;
        });
        return command;
    }
}
