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
    private readonly ParsedPolicies _policies = new();

    public async Task<IWorkloadEndpoint> StartAsync(WorkloadDefinition definition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return await factory.StartAsync(Options(definition.Spec), cancellationToken);
    }

    private WorkloadProxyOptions Options(WorkloadSpec spec) => new()
    {
        WorkloadName = spec.Name,
        Host = spec.Host,
        Port = spec.ProxyPort,
        Transport = spec.Transport,
        Remote = spec.Remote is not null,
        Tools = spec.Tools,
        Oidc = spec.Oidc,
        AuditDirectory = AuditPaths.Directory(paths),
        AllowedHosts = defaults.AllowedHosts,
        RequestTimeout = defaults.RequestTimeout,
        Authorizer = spec.AuthzConfig is { } config ? new CedarCallAuthorizer(_policies.Get(spec.Name, config)) : null,
    };
}
