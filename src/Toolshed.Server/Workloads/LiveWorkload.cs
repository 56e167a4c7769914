using Toolshed.Core.Runtime;
using Toolshed.Proxy;
using Toolshed.Server.Workloads.Proxies;

namespace Toolshed.Server.Workloads;

/// <summary>What the daemon holds open for one running workload: its proxy and, for stdio, the attached streams.</summary>
internal sealed class LiveWorkload(IWorkloadEndpoint proxy) : IAsyncDisposable
{
    public IWorkloadEndpoint Proxy { get; } = proxy;

    public IStdioChannel? Stdio { get; private set; }

    public string? ContainerId { get; private set; }

    public void Attach(string containerId, IStdioChannel? stdio)
    {
        ContainerId = containerId;
        Stdio = stdio;
    }

    /// <summary>Drops the backend (the container stopped or is being replaced); the proxy keeps listening.</summary>
    public async ValueTask DetachAsync()
    {
        await Proxy.DetachAsync();
        if (Stdio is { } stdio)
        {
            Stdio = null;
            await stdio.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await DetachAsync();
        await Proxy.DisposeAsync();
    }
}
