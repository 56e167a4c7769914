using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Toolshed.Proxy.Sessions;

/// <summary>Forgets idle sessions of one proxy on a timer (lookups also check idleness, so this only frees memory).</summary>
internal sealed class SessionExpiryService(
    SessionStore sessions, TimeProvider timeProvider, TimeSpan period, string workloadName, ILogger logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(period, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var removed = sessions.RemoveIdle();
                if (removed > 0)
                {
                    ProxyLog.SessionsExpired(logger, workloadName, removed);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
