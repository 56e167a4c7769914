using Toolshed.Core.Runtime;
using Toolshed.Core.Workloads;
using Toolshed.Proxy;

namespace Toolshed.Server.Workloads.Lifecycle;

/// <summary>What the daemon holds open for one served workload: the definition it was started from, its listening
/// proxy and the launched instance the proxy is attached to.</summary>
internal sealed class LiveWorkload(WorkloadDefinition definition, IWorkloadEndpoint proxy, LaunchedWorkload launched) : IAsyncDisposable
{
    public WorkloadDefinition Definition { get; } = definition;

    public IWorkloadEndpoint Proxy { get; } = proxy;

    public LaunchedWorkload Launched { get; } = launched;

    /// <summary>Stops serving: the proxy lets go of its port and the attached streams are released. The instance itself
    /// is the runtime's to stop or keep.</summary>
    public async ValueTask DisposeAsync()
    {
        await Proxy.DetachAsync();
        await Launched.DisposeAsync();
        await Proxy.DisposeAsync();
    }
}
