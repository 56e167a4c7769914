using Toolshed.Core.Configuration;

namespace Toolshed.Cli.Daemon;

/// <summary>Stops the daemon of a state root (SIGTERM after checking the pid is a shed daemon) and waits until it is
/// gone. Used by `shed daemon stop`, `install` (a background daemon makes way for the service) and `uninstall --purge`.</summary>
internal static class DaemonStopper
{
    private static readonly TimeSpan s_stopTimeout = TimeSpan.FromSeconds(20);

    /// <summary>Problem is null when no daemon ran or it stopped (StoppedPid says which one); otherwise it is the
    /// sentence saying why it could not be stopped.</summary>
    public static async Task<(string? Problem, int? StoppedPid)> StopAsync(CliContext context, ToolshedPaths paths, CancellationToken cancellationToken)
    {
        if (DaemonInfoFile.ReadLive(paths.DaemonInfoPath) is not { } info)
        {
            return (null, null);
        }

        if (!DaemonSignal.IsShedDaemon(info.ProcessId) || !DaemonSignal.Terminate(info.ProcessId))
        {
            return ($"could not stop the daemon (pid {info.ProcessId}); is it another user's? Stop it with `kill {info.ProcessId}`.", null);
        }

        var started = context.TimeProvider.GetTimestamp();
        while (DaemonSignal.IsAlive(info.ProcessId))
        {
            if (context.TimeProvider.GetElapsedTime(started) > s_stopTimeout)
            {
                return ($"the daemon (pid {info.ProcessId}) is still shutting down after {s_stopTimeout.TotalSeconds:0} s; see {paths.DaemonLogPath}.", null);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), context.TimeProvider, cancellationToken);
        }

        return (null, info.ProcessId);
    }
}
