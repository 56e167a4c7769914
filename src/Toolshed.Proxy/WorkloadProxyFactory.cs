using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using Toolshed.Core.Errors;
using Toolshed.Core.Workloads;
using Toolshed.Proxy.Audit;
using Toolshed.Proxy.Auth;
using Toolshed.Proxy.Authz;
using Toolshed.Proxy.Forwarding;
using Toolshed.Proxy.Hosting;
using Toolshed.Proxy.Sessions;
using Toolshed.Proxy.Stdio;
using Toolshed.Proxy.Telemetry;
using Toolshed.Proxy.Transports;
using Toolshed.Proxy.Tools;
using Toolshed.Proxy.Upstream;
using Yarp.ReverseProxy.Forwarder;

namespace Toolshed.Proxy;

/// <summary>Starts workload proxies, each on its own lean Kestrel listener; shared by the whole daemon.</summary>
public sealed class WorkloadProxyFactory(
    ILoggerFactory loggerFactory, IHttpForwarder forwarder, TimeProvider timeProvider, OidcValidatorFactory oidc, McpTelemetry? telemetry = null,
    Telemetry.Stats.EndpointStatsStore? stats = null)
{
    private readonly ILogger _logger = loggerFactory.CreateLogger("Toolshed.Proxy");

    /// <summary>
    /// Binds the proxy's port and starts serving; the proxy listens when this returns, for every transport, and answers
    /// as a proxy without a server until an upstream is attached (<see cref="WorkloadProxy.AttachAsync"/>).
    /// Throws <see cref="ConflictException"/> when the port is taken and <see cref="InvalidInputException"/> for bad options.
    /// </summary>
    public async Task<WorkloadProxy> StartAsync(WorkloadProxyOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var address = Validate(options);
        var loopback = IPAddress.IsLoopback(address);

        var sessions = new SessionStore(timeProvider, options.SessionIdleTimeout, options.MaxSessions);
        var audit = options.AuditDirectory is null
            ? null
            : new AuditLog(options.AuditDirectory, options.WorkloadName, options.AuditMaxBytes, options.AuditFilesKept);
        var endpointTelemetry = telemetry?.ForEndpoint(options.WorkloadName, isGroup: false, () => sessions.ClientCount);
        if (endpointTelemetry is not null)
        {
            sessions.Ended = (session, lasted) => endpointTelemetry.SessionEnded(session.ProtocolVersion, lasted);
        }

        var gate = new McpCallGate(options.WorkloadName, options.Authorizer, audit, options.AuditArgumentChars, timeProvider)
        {
            Tools = options.Tools is { IsEmpty: false } tools ? new ToolFilter(tools) : null,
            Telemetry = endpointTelemetry,
            Stats = stats?.Open(options.WorkloadName, isGroup: false),
        };
        gate.Stats?.OpenSessions = () => sessions.ClientCount;
        ProxyUpstream upstream;
        RequestDelegate handler;
        if (options.Transport == McpTransport.Stdio)
        {
            var multiplexer = new StdioMultiplexer(options.WorkloadName, sessions, _logger)
            {
                Timeout = new(timeProvider, options.RequestTimeout), Telemetry = endpointTelemetry,
            };
            var context = new EndpointContext(options, multiplexer, sessions, timeProvider, gate, _logger);
            handler = new McpEndpointRouter(context).HandleAsync;
            upstream = new ProxyUpstream(options, multiplexer);
        }
        else if (options.Authorizer is not null || options.Remote || options.Tools is not null)
        {
            // A policy must stop calls before they leave and filter list answers before they arrive, which forwarding
            // never does: both transports go through the bridge, and nothing reaches the server any other way (fail
            // closed).
            var upstreamBridge = new HttpUpstreamBridge(options, sessions, timeProvider, gate, _logger);
            handler = upstreamBridge.Handler;
            upstream = new ProxyUpstream(options, upstreamBridge, forwarding: null, upstreamClient: null);
        }
        else
        {
            // The server's own transport is forwarded, so each caller keeps its own session with the server (audited from
            // the forwarded requests); the other one is served by a bridge acting as its client.
            var upstreamBridge = new HttpUpstreamBridge(options, sessions, timeProvider, gate, _logger);
            var upstreamClient = new HttpMessageInvoker(CreateUpstreamHandler(), disposeHandler: true);
            // Forwarded bodies are read (and so held to the JSON-RPC rules) only when audited, as the daemon always does;
            // their spans and metrics come with the audit.
            var forwardedAudit = audit is null ? null : new ForwardedRequestAudit(gate, options.MaxRequestBodyBytes);
            var forwarding = new HttpBackendHandler(forwarder, upstreamClient, options, _logger, upstreamBridge, forwardedAudit);
            handler = forwarding.HandleAsync;
            upstream = new ProxyUpstream(options, upstreamBridge, forwarding, upstreamClient);
        }

        if (options.Oidc is not null)
        {
            handler = new BearerAuthHandler(oidc.Create(options.Oidc), handler, options.WorkloadName, options.ForwardAuthorization, audit, timeProvider).HandleAsync;
        }

        handler = new RequestGuard(handler, loopback, options.AllowedHosts).HandleAsync;

        KestrelServer server;
        int port;
        try
        {
            (server, port) = await ProxyListener.StartAsync(
                address, options.Host, options.Port, options.MaxRequestBodyBytes, handler, options.WorkloadName, loggerFactory, _logger, cancellationToken);
        }
        catch
        {
            await upstream.DisposeAsync();
            audit?.Dispose();
            endpointTelemetry?.Dispose();
            throw;
        }

        var expiry = new SessionExpiryService(
            sessions, timeProvider, ExpiryPeriod(options.SessionIdleTimeout), options.WorkloadName, _logger);
        await expiry.StartAsync(cancellationToken);
        ProxyLog.ProxyStarted(_logger, options.WorkloadName, options.Host, port, options.Transport.ToName());
        if (options.Transport != McpTransport.Stdio && options.Authorizer is not null && !options.Remote)
        {
            ProxyLog.BridgingBothTransports(_logger, options.WorkloadName);
        }

        if (!loopback && options.Oidc is null)
        {
            ProxyLog.ExposedWithoutAuthentication(_logger, options.WorkloadName, options.Host, port);
        }

        return new WorkloadProxy(options, port, server, upstream, sessions, expiry, audit, gate, _logger);
    }

    internal static TimeSpan ExpiryPeriod(TimeSpan idleTimeout) =>
        TimeSpan.FromTicks(Math.Clamp(idleTimeout.Ticks / 4, TimeSpan.TicksPerSecond, TimeSpan.TicksPerMinute));

    private static SocketsHttpHandler CreateUpstreamHandler() => new()
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        EnableMultipleHttp2Connections = true,
        ActivityHeadersPropagator = null,
        ConnectTimeout = TimeSpan.FromSeconds(15),
    };

    internal static IPAddress Validate(WorkloadProxyOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.WorkloadName))
        {
            throw new InvalidInputException("A proxy needs the workload's name.", nameof(options.WorkloadName));
        }

        if (options.Port is < 0 or > 65535)
        {
            throw new InvalidInputException($"Port {options.Port} is not a TCP port.", nameof(options.Port));
        }

        if (options.MaxRequestBodyBytes <= 0 || options.SessionIdleTimeout <= TimeSpan.Zero || options.KeepAliveInterval <= TimeSpan.Zero)
        {
            throw new InvalidInputException("Proxy limits must be positive.");
        }

        if (options.MaxSessions < 1
            || (options.RequestTimeout <= TimeSpan.Zero && options.RequestTimeout != Timeout.InfiniteTimeSpan))
        {
            throw new InvalidInputException("A proxy needs room for at least one session, and a positive request timeout.");
        }

        if (options.AllowedHosts.FirstOrDefault(h => !HostPolicy.IsValidEntry(h)) is { } badHost)
        {
            throw new InvalidInputException($"'{badHost}' is not a host name to allow.", nameof(options.AllowedHosts));
        }

        if (options.Transport != McpTransport.Stdio && options.ForwardAuthorization && options.Authorizer is not null)
        {
            // A policy puts every call through the bridge's one upstream connection, which cannot carry each caller's
            // token.
            throw new InvalidInputException(
                "ForwardAuthorization cannot be combined with an authorizer on an HTTP workload: its calls go through one upstream connection of the proxy's own.",
                nameof(options.ForwardAuthorization));
        }

        if (options.Remote && (options.ForwardAuthorization || options.Transport == McpTransport.Stdio))
        {
            throw new InvalidInputException(
                "A remote workload's proxy speaks HTTP to the remote with its own credentials: it forwards no caller's Authorization header.",
                nameof(options.Remote));
        }

        if (options.Oidc is not null && OidcSettingsRules.Check(options.Oidc) is { } oidcProblem)
        {
            throw new InvalidInputException(oidcProblem, "oidc");
        }

        if (options.AuditArgumentChars < 0 || options.AuditMaxBytes < 1024 || options.AuditFilesKept < 0)
        {
            throw new InvalidInputException("Audit limits must not be negative, and audit files hold at least 1 KiB.");
        }

        if (string.Equals(options.Host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return IPAddress.Loopback;
        }

        return IPAddress.TryParse(options.Host, out var address)
            ? address
            : throw new InvalidInputException($"'{options.Host}' is not an IP address to bind.", nameof(options.Host));
    }
}
