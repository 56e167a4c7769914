using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Toolshed.Core.Runtime;
using Toolshed.Server.Clients;

namespace Toolshed.Server.Telemetry;

/// <summary>
/// Counts the connections each served workload's egress allow-list refuses (<c>toolshed.egress.denials</c>): one
/// follow of the runtime's decisions per workload while it is served, ended when it stops or the daemon does.
/// </summary>
internal sealed partial class EgressDenialWatcher(IWorkloadRuntime runtime, DaemonMetrics metrics, ILogger<EgressDenialWatcher> logger)
    : IWorkloadEvents, IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Watch> _watches = new(StringComparer.Ordinal);

    public Task WorkloadStartedAsync(string workloadName, int port, CancellationToken cancellationToken)
    {
        var watch = new Watch();
        if (_watches.TryAdd(workloadName, watch))
        {
            watch.Following = FollowAsync(workloadName, watch.Stop.Token);
        }

        return Task.CompletedTask;
    }

    public Task WorkloadStoppedAsync(string workloadName, CancellationToken cancellationToken) => EndAsync(workloadName);

    public Task WorkloadRemovedAsync(string workloadName, CancellationToken cancellationToken) => EndAsync(workloadName);

    public async ValueTask DisposeAsync()
    {
        foreach (var name in _watches.Keys)
        {
            await EndAsync(name);
        }
    }

    private async Task EndAsync(string workloadName)
    {
        if (_watches.TryRemove(workloadName, out var watch))
        {
            await watch.Stop.CancelAsync();
            await watch.Following;
            watch.Stop.Dispose();
        }
    }

    private async Task FollowAsync(string workloadName, CancellationToken cancellationToken)
    {
        await Task.Yield(); // the workload's start goes on; the follow runs beside it
        try
        {
            await foreach (var decision in runtime.WatchEgressAsync(workloadName, cancellationToken))
            {
                if (!decision.Allowed)
                {
                    metrics.EgressDenied(workloadName);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped, removed, or the daemon is stopping.
        }
        catch (Exception ex)
        {
            LogFollowFailed(logger, workloadName, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Egress denials of {WorkloadName} are not counted: {Reason}")]
    private static partial void LogFollowFailed(ILogger logger, string workloadName, string reason);

    private sealed class Watch
    {
        public CancellationTokenSource Stop { get; } = new();

        public Task Following { get; set; } = Task.CompletedTask;
    }
}
