using Toolshed.Core.Runtime;
using Toolshed.Proxy;

namespace Toolshed.Server.Tests.Workloads.Lifecycle;

/// <summary>A workload endpoint that records what it was attached to.</summary>
internal sealed class FakeEndpoint(int port) : IWorkloadEndpoint
{
    public int Port { get; } = port;

    public WorkloadUpstream? Upstream { get; private set; }

    public bool Disposed { get; private set; }

    public Task AttachAsync(WorkloadUpstream upstream, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Disposed, this);
        Upstream = upstream;
        return Task.CompletedTask;
    }

    public ValueTask DetachAsync()
    {
        Upstream = null;
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        Upstream = null;
        Disposed = true;
        return ValueTask.CompletedTask;
    }
}
