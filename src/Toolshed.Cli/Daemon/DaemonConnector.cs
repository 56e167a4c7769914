using Toolshed.Cli.Api;
using Toolshed.Core.Configuration;

namespace Toolshed.Cli.Daemon;

/// <summary>
/// Makes sure a daemon answers before a verb talks to it: when none does at a loopback URL, starts `shed serve` in the
/// background and waits until its /health answers; for any other URL, fails saying so.
/// </summary>
internal static class DaemonConnector
{
    private static readonly TimeSpan s_pollInterval = TimeSpan.FromMilliseconds(200);

    public static async Task EnsureRunningAsync(CliContext context, ToolshedApiClient client, CancellationToken cancellationToken)
    {
        if (await client.CheckHealthAsync(cancellationToken) != DaemonHealth.Unreachable)
        {
            return;
        }

        var url = client.BaseUrl;
        if (!AutoStartPolicy.CanAutoStart(url))
        {
            throw new CliException(
                $"No Toolshed daemon answers at {url}, and shed only starts one for a local http://127.0.0.1 URL; start `shed serve` on that host or fix {ApiEndpoint.EnvironmentVariable}.");
        }

        var paths = context.Paths ?? ToolshedPaths.FromEnvironment();
        paths.EnsureCreated();
        DaemonProcess daemon;
        try
        {
            daemon = context.DaemonLauncher.Start(url, paths.DaemonLogPath);
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception or IOException)
        {
            throw new CliException($"Could not start the Toolshed daemon ({ex.Message}); run `shed serve` yourself in another terminal.", ex);
        }

        await context.Error.WriteLineAsync($"Started the Toolshed daemon (log: {paths.DaemonLogPath})");
        var deadline = context.TimeProvider.GetTimestamp();
        while (context.TimeProvider.GetElapsedTime(deadline) < context.StartTimeout)
        {
            if (await client.CheckHealthAsync(cancellationToken) != DaemonHealth.Unreachable)
            {
                return;
            }

            if (!daemon.IsAlive())
            {
                throw new CliException($"The Toolshed daemon exited right after starting; read {paths.DaemonLogPath} to see why.");
            }

            await Task.Delay(s_pollInterval, context.TimeProvider, cancellationToken);
        }

        throw new CliException(
            $"The Toolshed daemon did not answer at {url} within {context.StartTimeout.TotalSeconds:0} s; read {paths.DaemonLogPath} to see why.");
    }
}
