using Toolshed.Core.Runtime;
using Toolshed.Proxy;

namespace Toolshed.Server.Workloads.Proxies;

/// <summary>A listening proxy in front of a stdio server; the backend is attached after every container start.</summary>
internal sealed class StdioRunningProxy(WorkloadProxy proxy) : IRunningProxy
{
    public int Port => proxy.Port;

    public void AttachStdio(IStdioChannel channel) => proxy.AttachBackend(channel);

    public Task AttachHttpAsync(Uri upstream, CancellationToken cancellationToken) =>
        throw new InvalidOperationException($"{proxy.WorkloadName} is a stdio workload; it has no HTTP upstream.");

    public async ValueTask DetachAsync() => await proxy.DetachBackendAsync();

    public ValueTask DisposeAsync() => proxy.DisposeAsync();
}
