using Toolshed.Core.Runtime;

namespace Toolshed.Server.Workloads.Proxies;

/// <summary>A workload's proxy. Its port is reserved from the start; disposing it releases the port at once.</summary>
public interface IRunningProxy : IAsyncDisposable
{
    int Port { get; }

    /// <summary>Serves a stdio server through this channel (again after every container restart).</summary>
    void AttachStdio(IStdioChannel channel);

    /// <summary>Forwards to an HTTP server (sse or streamable-http) at this MCP endpoint, listening from now on.</summary>
    Task AttachHttpAsync(Uri upstream, CancellationToken cancellationToken);

    /// <summary>The backend is gone: fail open requests now and new ones until the next attach.</summary>
    ValueTask DetachAsync();
}
