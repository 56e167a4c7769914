using Toolshed.Core.Workloads;
using Toolshed.Proxy;

namespace Toolshed.Server.Workloads.Proxies;

/// <summary>Starts the proxy that serves one workload on its host port.</summary>
public interface IWorkloadProxyHost
{
    /// <summary>Listens on the definition's <see cref="WorkloadSpec.Host"/>:<see cref="WorkloadSpec.ProxyPort"/> (0 picks
    /// a free port) before returning; a port in use is a <see cref="Core.Errors.ConflictException"/>.</summary>
    Task<IWorkloadEndpoint> StartAsync(WorkloadDefinition definition, CancellationToken cancellationToken);
}
