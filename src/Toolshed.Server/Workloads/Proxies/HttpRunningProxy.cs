using Toolshed.Core.Configuration;
using Toolshed.Core.Runtime;
using Toolshed.Core.Workloads;
using Toolshed.Proxy;

namespace Toolshed.Server.Workloads.Proxies;

/// <summary>
/// The proxy of an sse or streamable-http server. The container's published port changes with every container start,
/// so each attach starts a proxy on the workload's (fixed) port for the new upstream.
/// </summary>
internal sealed class HttpRunningProxy(WorkloadProxyFactory factory, WorkloadSpec spec, int port, ToolshedPaths paths, ProxyDefaults defaults)
    : IWorkloadEndpoint
{
    private WorkloadProxy? _current;

    public int Port { get; } = port;

    public async Task AttachAsync(WorkloadUpstream upstream, CancellationToken cancellationToken)
    {
        if (upstream is not HttpUpstream http)
        {
            throw new InvalidOperationException($"{spec.Name} speaks {spec.Transport.ToName()}; only an HTTP upstream attaches.");
        }

        await DetachAsync();
        _current = await factory.StartAsync(WorkloadProxyHost.Options(spec, Port, http.Endpoint, paths, defaults), cancellationToken);
    }

    public async ValueTask DetachAsync()
    {
        if (Interlocked.Exchange(ref _current, null) is { } current)
        {
            await current.DisposeAsync();
        }
    }

    public ValueTask DisposeAsync() => DetachAsync();
}
