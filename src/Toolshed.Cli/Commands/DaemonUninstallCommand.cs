using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Toolshed.Cli.Api;
using Toolshed.Cli.Daemon;
using Toolshed.Cli.Daemon.Service;
using Toolshed.Core.Configuration;
using Toolshed.Core.Errors;
using Toolshed.Runtime.Docker;
using Toolshed.Core.Runtime;

namespace Toolshed.Cli.Commands;

/// <summary>
/// `shed daemon uninstall [--purge] [--yes]`: disables and removes the service unit. With --purge also removes what
/// Toolshed made for this state root: first through the running daemon (workloads, client config entries), then,
/// with the daemon stopped, straight from the engine (this instance's labelled containers and networks, the egress
/// image), and last the state, config and data directories.
/// </summary>
internal static class DaemonUninstallCommand
{
    public static Command Create(CliContext context)
    {
        var purge = new Option<bool>("--purge")
        {
            Description = "Also remove everything Toolshed made for this state root: workloads' containers, egress sidecars and networks, "
                + "the egress image, Toolshed's entries in MCP client configs, and the state (database, API token, secrets, logs)",
        };
        var yes = new Option<bool>("--yes", "-y") { Description = "Do not ask for confirmation (needed without a terminal)" };
        var command = new Command("uninstall", "Disable and remove the toolshed.service user unit; with --purge remove everything Toolshed made") { purge, yes };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var paths = context.Paths ?? ToolshedPaths.FromEnvironment();
            var unitPath = ServiceUnitLocation.For(context.GetVariable);
            var purging = parse.GetValue(purge);
            if (purging && !parse.GetValue(yes) && await ConfirmAsync(context, paths, cancellationToken) is { } declined)
            {
                return declined;
            }

            var report = new PurgeReport();
            if (purging && DaemonInfoFile.ReadLive(paths.DaemonInfoPath) is { } info)
            {
                await PurgeThroughDaemonAsync(context, paths, new Uri(info.Url), report, cancellationToken);
            }

            await ServiceUnitRemoval.RunAsync(context, unitPath, report, cancellationToken);
            if (!purging)
            {
                await WriteReportAsync(context, report);
                return ShedApp.ExitOk;
            }

            var (problem, _) = await DaemonStopper.StopAsync(context, paths, cancellationToken);
            if (problem is not null)
            {
                await WriteReportAsync(context, report);
                await context.Error.WriteLineAsync($"shed: {problem} Nothing more was removed; run `shed daemon uninstall --purge` again once it is stopped.");
                return ShedApp.ExitFailure;
            }

            await using (var services = new ServiceCollection().AddLogging().AddSingleton(paths).AddDockerRuntime().BuildServiceProvider())
            {
                try
                {
                    var runtime = services.GetRequiredService<IWorkloadRuntime>();
                    await runtime.PingAsync(cancellationToken);
                    var purged = await runtime.PurgeAsync(cancellationToken);
                    report.Removed.AddRange(purged.Removed);
                    report.Kept.AddRange(purged.Kept);
                }
                catch (Exception ex) when (ex is ContainerEngineUnavailableException or ContainerEngineException)
                {
                    await WriteReportAsync(context, report);
                    await context.Error.WriteLineAsync(
                        $"shed: the container engine failed ({ex.Message}). The state under {paths.StateDirectory} was kept so nothing is forgotten; run `shed daemon uninstall --purge` again once the engine answers.");
                    return ShedApp.ExitFailure;
                }
            }

            StatePurge.Run(paths, context.GetVariable("TOOLSHED_HOME"), report);
            await WriteReportAsync(context, report);
            return ShedApp.ExitOk;
        });
        return command;
    }

    private static async Task PurgeThroughDaemonAsync(CliContext context, ToolshedPaths paths, Uri url, PurgeReport report, CancellationToken cancellationToken)
    {
        try
        {
            using var client = DaemonApi.CreateClient(context, url, paths);
            await ApiPurge.RunAsync(client, ClientCommand.HomeOf(context), report, cancellationToken);
        }
        catch (CliException ex)
        {
            await context.Error.WriteLineAsync($"shed: the daemon could not remove everything itself ({ex.Message}); what is left goes straight from the engine.");
        }
    }

    /// <summary>Null when the user said yes; otherwise the exit code: 2 without a terminal to ask on, 1 when declined.</summary>
    private static async Task<int?> ConfirmAsync(CliContext context, ToolshedPaths paths, CancellationToken cancellationToken)
    {
        if (!context.Console.IsInputInteractive)
        {
            await context.Error.WriteLineAsync("shed: --purge removes every workload and all of Toolshed's state, and there is no terminal to confirm on; add --yes to go ahead.");
            return ShedApp.ExitUsage;
        }

        await context.Out.WriteLineAsync("This removes the Toolshed service, every workload of this state root (containers, egress sidecars, networks),");
        await context.Out.WriteLineAsync("the egress image, Toolshed's entries in MCP client configs, and these directories with the database, API token and secrets:");
        foreach (var directory in new[] { paths.StateDirectory, paths.ConfigDirectory, paths.DataDirectory })
        {
            await context.Out.WriteLineAsync($"  {directory}");
        }

        await context.Out.WriteAsync("Remove all of it? [y/N] ");
        var answer = (await context.Console.ReadLineAsync(cancellationToken))?.Trim();
        if (string.Equals(answer, "y", StringComparison.OrdinalIgnoreCase) || string.Equals(answer, "yes", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        await context.Out.WriteLineAsync("Nothing was removed.");
        return ShedApp.ExitFailure;
    }

    private static async Task WriteReportAsync(CliContext context, PurgeReport report)
    {
        foreach (var removed in report.Removed)
        {
            await context.Out.WriteLineAsync($"Removed {removed}");
        }

        foreach (var kept in report.Kept)
        {
            await context.Out.WriteLineAsync($"Kept {kept}");
        }
    }
}
