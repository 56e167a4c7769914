using Toolshed.Core.Runtime;
using Toolshed.Proxy;

namespace Toolshed.Server.Workloads.Proxies;

/// <summary>A listening proxy in front of a stdio server; the backend is attached after every container start.</summary>
internal sealed class StdioRunningProxy(WorkloadProxy proxy) : IWorkloadEndpoint
{
    public int Port => proxy.Port;

    public Task AttachAsync(WorkloadUpstream upstream, CancellationToken cancellationToken)
    {
        if (upstream is not StdioUpstream stdio)
        {
            throw new InvalidOperationException($"{proxy.WorkloadName} is a stdio workload; only a stdio upstream attaches.");
        }

        proxy.AttachBackend(stdio.Channel);
        return Task.CompletedTask;
    }

    public async ValueTask DetachAsync() => await proxy.DetachBackendAsync();

    public ValueTask DisposeAsync() => proxy.DisposeAsync();
}
