using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Toolshed.Proxy.Audit;
using Toolshed.Proxy.Auth;
using Toolshed.Proxy.Authz;
using Toolshed.Proxy.Hosting;
using Toolshed.Proxy.Sessions;
using Toolshed.Proxy.Transports;

namespace Toolshed.Proxy.Groups;

/// <summary>Starts group endpoints, each on its own listener, with the pipeline workload endpoints have.</summary>
public sealed class GroupProxyFactory(
    ILoggerFactory loggerFactory, TimeProvider timeProvider, OidcValidatorFactory oidc, Telemetry.McpTelemetry? telemetry = null,
    Telemetry.Stats.EndpointStatsStore? stats = null)
{
    private readonly ILogger _logger = loggerFactory.CreateLogger("Toolshed.Proxy.Groups");

    /// <summary>Binds the group's port and serves it; a taken port is a <see cref="Core.Errors.ConflictException"/>.</summary>
    public async Task<GroupProxy> StartAsync(GroupProxyOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var endpoint = options.Endpoint;
        var address = WorkloadProxyFactory.Validate(endpoint);
        var sessions = new SessionStore(timeProvider, endpoint.SessionIdleTimeout, endpoint.MaxSessions);

        // A group's audit log lives apart from its members' (a group may share a name with a workload).
        var audit = endpoint.AuditDirectory is null
            ? null
            : new AuditLog(Path.Combine(endpoint.AuditDirectory, "groups"), endpoint.WorkloadName, endpoint.AuditMaxBytes, endpoint.AuditFilesKept);
        var endpointTelemetry = telemetry?.ForEndpoint(endpoint.WorkloadName, isGroup: true, () => sessions.ClientCount);
        if (endpointTelemetry is not null)
        {
            sessions.Ended = (session, lasted) => endpointTelemetry.SessionEnded(session.ProtocolVersion, lasted);
        }

        var gate = new McpCallGate(endpoint.WorkloadName, endpoint.Authorizer, audit, endpoint.AuditArgumentChars, timeProvider)
        {
            Telemetry = endpointTelemetry,
            Stats = stats?.Open(endpoint.WorkloadName, isGroup: true),
        };
        gate.Stats?.OpenSessions = () => sessions.ClientCount;
        var group = new GroupContext(options, CreateMemberClient(), _logger) { Telemetry = endpointTelemetry };
        var router = new GroupRouter(group, sessions);
        RequestDelegate handler = new McpEndpointRouter(new EndpointContext(endpoint, router, sessions, timeProvider, gate, _logger)).HandleAsync;
        if (endpoint.Oidc is not null)
        {
            handler = new BearerAuthHandler(oidc.Create(endpoint.Oidc), handler, endpoint.WorkloadName, forwardAuthorization: false, audit, timeProvider).HandleAsync;
        }

        handler = new RequestGuard(handler, IPAddress.IsLoopback(address), endpoint.AllowedHosts).HandleAsync;
        Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServer server;
        int port;
        try
        {
            (server, port) = await ProxyListener.StartAsync(
                address, endpoint.Host, endpoint.Port, endpoint.MaxRequestBodyBytes, handler, endpoint.WorkloadName, loggerFactory, _logger, cancellationToken);
        }
        catch
        {
            await router.DisposeAsync();
            group.Dispose();
            audit?.Dispose();
            endpointTelemetry?.Dispose();
            throw;
        }

        var expiry = new SessionExpiryService(
            sessions, timeProvider, WorkloadProxyFactory.ExpiryPeriod(endpoint.SessionIdleTimeout), endpoint.WorkloadName, _logger);
        await expiry.StartAsync(cancellationToken);
        GroupLog.GroupStarted(_logger, endpoint.WorkloadName, endpoint.Host, port);
        if (!IPAddress.IsLoopback(address) && endpoint.Oidc is null)
        {
            // Its members listen on loopback only; this endpoint hands what they offer to the network, to anyone.
            ProxyLog.ExposedWithoutAuthentication(_logger, endpoint.WorkloadName, endpoint.Host, port);
        }
        return new GroupProxy(options, port, server, group, router, sessions, expiry, audit, _logger);
    }

    /// <summary>Members are this daemon's own loopback endpoints: no proxy, no redirects, no cookies.</summary>
    private static HttpClient CreateMemberClient() => new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        ActivityHeadersPropagator = null,
        // Each member session holds a connection for its GET stream: no per-server cap, or a busy group would queue
        // every call to a member behind its streams.
        ConnectTimeout = TimeSpan.FromSeconds(5),
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };
}
