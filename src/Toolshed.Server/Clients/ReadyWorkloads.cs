using System.Collections.Concurrent;
using Toolshed.Clients;

namespace Toolshed.Server.Clients;

/// <summary>The workloads whose current start passed readiness, with the port they passed it on; only these go into clients.</summary>
public sealed class ReadyWorkloads
{
    private readonly ConcurrentDictionary<string, int> _ready = new(StringComparer.Ordinal);

    public void MarkReady(WorkloadEndpoint workload)
    {
        ArgumentNullException.ThrowIfNull(workload);
        _ready[workload.Name] = workload.Port;
    }

    public void Forget(string workloadName) => _ready.TryRemove(workloadName, out _);

    public bool IsReady(string workloadName, int port) => _ready.TryGetValue(workloadName, out var readyPort) && readyPort == port;
}
