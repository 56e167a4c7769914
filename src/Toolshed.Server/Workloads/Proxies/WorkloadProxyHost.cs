using System.Net;
using System.Net.Sockets;
using Toolshed.Authorization;
using Toolshed.Core.Configuration;
using Toolshed.Core.Errors;
using Toolshed.Core.Workloads;
using Toolshed.Proxy;
using Toolshed.Proxy.Authz;

namespace Toolshed.Server.Workloads.Proxies;

/// <summary>
/// Starts workload proxies through <see cref="WorkloadProxyFactory"/>. A stdio proxy listens at once and gets its
/// backend attached later; an HTTP proxy needs its upstream's published port, so its port is reserved first and the
/// proxy starts listening on it when the container is up.
/// </summary>
internal sealed class WorkloadProxyHost(WorkloadProxyFactory factory, ToolshedPaths paths, ProxyDefaults defaults) : IWorkloadProxyHost
{
    public async Task<IWorkloadEndpoint> StartAsync(WorkloadSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Transport == McpTransport.Stdio)
        {
            var proxy = await factory.StartAsync(Options(spec, spec.ProxyPort, upstream: null, paths, defaults), cancellationToken);
            return new StdioRunningProxy(proxy);
        }

        return new HttpRunningProxy(factory, spec, ReservePort(spec.Host, spec.ProxyPort), paths, defaults);
    }

    internal static WorkloadProxyOptions Options(WorkloadSpec spec, int port, Uri? upstream, ToolshedPaths paths, ProxyDefaults defaults) => new()
    {
        WorkloadName = spec.Name,
        Host = spec.Host,
        Port = port,
        Transport = spec.Transport,
        UpstreamUrl = upstream,
        Oidc = spec.Oidc,
        AuditDirectory = AuditPaths.Directory(paths),
        AllowedHosts = defaults.AllowedHosts,
        RequestTimeout = defaults.RequestTimeout,
        Authorizer = spec.AuthzConfig is { } config
            ? new CedarCallAuthorizer(CedarAuthorizer.Parse(config, $"the authorization config of {spec.Name}"))
            : null,
    };

    /// <summary>The requested port when free (409 when not), else a free one the system picks.</summary>
    private static int ReservePort(string host, int port)
    {
        var address = host == "localhost" ? IPAddress.Loopback : IPAddress.Parse(host);
        try
        {
            using var listener = new TcpListener(address, port);
            listener.Start();
            var bound = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return bound;
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            throw new ConflictException(
                $"Port {port} on {host} is already in use.",
                "Choose another port for the workload, or stop what listens there.");
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressNotAvailable)
        {
            throw new InvalidInputException($"host {host} is not an address of this machine; the proxy cannot listen on it.", "host");
        }
    }
}
