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
    : IRunningProxy
{
    private WorkloadProxy? _current;

    public int Port { get; } = port;

    public void AttachStdio(IStdioChannel channel) =>
        throw new InvalidOperationException($"{spec.Name} speaks {spec.Transport.ToName()}; it has no stdio to attach.");

    public async Task AttachHttpAsync(Uri upstream, CancellationToken cancellationToken)
    {
        await DetachAsync();
        var endpoint = new Uri(upstream, spec.Transport == McpTransport.Sse ? "/sse" : "/mcp");
        _current = await factory.StartAsync(WorkloadProxyHost.Options(spec, Port, endpoint, paths, defaults), cancellationToken);
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
