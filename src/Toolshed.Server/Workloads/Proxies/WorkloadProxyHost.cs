using Toolshed.Authorization;
using Toolshed.Core.Configuration;
using Toolshed.Core.Workloads;
using Toolshed.Proxy;
using Toolshed.Proxy.Authz;

namespace Toolshed.Server.Workloads.Proxies;

/// <summary>
/// Starts workload proxies through <see cref="WorkloadProxyFactory"/>: the proxy binds the workload's port at once, for
/// every transport, and gets its upstream (stdio channel or HTTP endpoint) attached after each start of the container.
/// A taken port is the factory's <see cref="Core.Errors.ConflictException"/>, a host that is not an address of this
/// machine its <see cref="Core.Errors.InvalidInputException"/>.
/// </summary>
internal sealed class WorkloadProxyHost(WorkloadProxyFactory factory, ToolshedPaths paths, ProxyDefaults defaults) : IWorkloadProxyHost
{
    public async Task<IWorkloadEndpoint> StartAsync(WorkloadSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return await factory.StartAsync(Options(spec, paths, defaults), cancellationToken);
    }

    internal static WorkloadProxyOptions Options(WorkloadSpec spec, ToolshedPaths paths, ProxyDefaults defaults) => new()
    {
        WorkloadName = spec.Name,
        Host = spec.Host,
        Port = spec.ProxyPort,
        Transport = spec.Transport,
        Oidc = spec.Oidc,
        AuditDirectory = AuditPaths.Directory(paths),
        AllowedHosts = defaults.AllowedHosts,
        RequestTimeout = defaults.RequestTimeout,
        Authorizer = spec.AuthzConfig is { } config
            ? new CedarCallAuthorizer(CedarAuthorizer.Parse(config, $"the authorization config of {spec.Name}"))
            : null,
    };
}
