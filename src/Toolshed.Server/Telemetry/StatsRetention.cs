using Toolshed.Proxy.Telemetry.Stats;
using Toolshed.Server.Clients;

namespace Toolshed.Server.Telemetry;

/// <summary>Forgets a workload's live figures when it is removed; they outlive its stops, restarts and crashes.</summary>
internal sealed class StatsRetention(EndpointStatsStore stats) : IWorkloadEvents
{
    public Task WorkloadStartedAsync(string workloadName, int port, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task WorkloadStoppedAsync(string workloadName, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task WorkloadToolsChangedAsync(string workloadName, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task WorkloadRemovedAsync(string workloadName, CancellationToken cancellationToken)
    {
        stats.Remove(workloadName, isGroup: false);
        return Task.CompletedTask;
    }
}
