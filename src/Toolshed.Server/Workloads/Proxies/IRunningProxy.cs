using Toolshed.Core.Runtime;

namespace Toolshed.Server.Workloads.Proxies;

/// <summary>A workload's listening proxy. Disposing it releases the port at once.</summary>
public interface IRunningProxy : IAsyncDisposable
{
    int Port { get; }

    /// <summary>Serves a stdio server through this channel (again after every container restart).</summary>
    void AttachStdio(IStdioChannel channel);

    /// <summary>Forwards to an HTTP server (sse or streamable-http) at this address.</summary>
    void AttachHttp(Uri upstream);

    /// <summary>The backend is gone: fail open requests now and new ones until the next attach.</summary>
    void Detach();
}
