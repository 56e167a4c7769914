using Toolshed.Core.Runtime;

namespace Toolshed.Proxy;

/// <summary>
/// One workload's MCP endpoint: listens on its port from the moment it is created until it is disposed (which frees the
/// port at once); the upstream is attached after every start of the server and detached when it goes away.
/// </summary>
public interface IWorkloadEndpoint : IAsyncDisposable
{
    int Port { get; }

    /// <summary>Serves clients through this upstream from now on (replacing any earlier one).</summary>
    Task AttachAsync(WorkloadUpstream upstream, CancellationToken cancellationToken);

    /// <summary>The upstream is gone: fail open requests now and new ones until the next attach.</summary>
    ValueTask DetachAsync();
}
