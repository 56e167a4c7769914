using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Toolshed.Core.Workloads;
using Toolshed.Proxy.Authz;
using Toolshed.Proxy.Modern;
using Toolshed.Proxy.Sessions;
using Toolshed.Proxy.Stdio;
using Toolshed.Proxy.Transports;

namespace Toolshed.Proxy.Upstream;

/// <summary>
/// Serves an HTTP workload through the multiplexing stdio bridge over an <see cref="HttpUpstreamChannel"/>, the proxy
/// acting as the server's one MCP client. Without an authorizer it serves only the transport the server does not speak
/// (/sse + /messages before a Streamable HTTP server, /mcp before a legacy SSE one) and the matching one stays with
/// YARP forwarding; with one it serves both, so every message passes the policy in the <see cref="McpCallGate"/>.
/// It lives as long as the proxy: <see cref="AttachAsync"/> points it at each new upstream endpoint, and while none is
/// attached its endpoints answer as a stdio proxy's do without a server (JSON-RPC -32000 "not running").
/// </summary>
internal sealed class HttpUpstreamBridge : IAsyncDisposable
{
    private static readonly TimeSpan s_reconnectGrace = TimeSpan.FromSeconds(10);

    private readonly WorkloadProxyOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _attachLock = new(1, 1);
    private UpstreamChannelSupervisor? _supervisor;

    public HttpUpstreamBridge(
        WorkloadProxyOptions options, SessionStore sessions, TimeProvider timeProvider, McpCallGate gate, ILogger logger)
    {
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
        Multiplexer = new StdioMultiplexer(options.WorkloadName, sessions, logger)
        {
            Timeout = new(timeProvider, options.RequestTimeout),
            Telemetry = gate.Telemetry,
            Peer = options.UpstreamUrl is { } url ? Telemetry.UpstreamPeer.Http(url) : Telemetry.UpstreamPeer.Stdio,
        };
        var context = new EndpointContext(options, Multiplexer, sessions, timeProvider, gate, logger);
        Handler = new McpEndpointRouter(context).HandleAsync;
    }

    public StdioMultiplexer Multiplexer { get; }

    /// <summary>The stdio proxy's endpoints, answering the paths <see cref="Serves"/> claims.</summary>
    public RequestDelegate Handler { get; }

    /// <summary>
    /// Whether a request belongs to the bridged transport rather than to forwarding: the transport the server does not
    /// speak, and every /mcp request that names a protocol version other than a 2025-era one (2026-07-28 requests are
    /// translated for the server by the bridge; unknown versions are refused there).
    /// </summary>
    public bool Serves(HttpRequest request)
    {
        var path = request.Path.Value;
        return _options.Transport switch
        {
            McpTransport.StreamableHttp => path is "/sse" or LegacySseEndpoint.MessagesPath or "/message"
                || (path is "/mcp" or "/mcp/" && EraRules.FromHeader(request.Headers[Protocol.McpProtocol.ProtocolVersionHeader].ToString(), out _) != ProtocolEra.Legacy),
            McpTransport.Sse => path is "/mcp" or "/mcp/",
            _ => false,
        };
    }

    /// <summary>Connects to <paramref name="endpoint"/>, a <paramref name="transport"/> server, from now on (and again
    /// whenever that connection ends), through clients from <paramref name="createHttpClient"/> (a remote's, carrying its
    /// credentials) or plain ones; an earlier upstream is let go first, its open requests failing.</summary>
    public async Task AttachAsync(
        Uri endpoint, McpTransport transport, Func<HttpClient>? createHttpClient, CancellationToken cancellationToken)
    {
        await _attachLock.WaitAsync(cancellationToken);
        try
        {
            await StopSupervisorAsync();
            var supervisor = new UpstreamChannelSupervisor(
                Multiplexer,
                createHttpClient?.Invoke() ?? CreatePlainHttpClient(),
                http => HttpUpstreamChannel.Create(transport, http, endpoint, _options.WorkloadName, _logger),
                _timeProvider,
                _options.WorkloadName,
                _logger);
            await supervisor.StartAsync(cancellationToken);
            _supervisor = supervisor;
            // A channel that drops (the server's first SSE stream, a server restart) is re-created within seconds:
            // requests meanwhile wait for it rather than fail.
            Multiplexer.ReconnectGrace = s_reconnectGrace;
        }
        finally
        {
            _attachLock.Release();
        }
    }

    /// <summary>Stops re-creating channels; the current one is detached (its open requests fail) and closed.</summary>
    public async Task DetachAsync()
    {
        await _attachLock.WaitAsync(CancellationToken.None);
        try
        {
            await StopSupervisorAsync();
        }
        finally
        {
            _attachLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await DetachAsync();
        await Multiplexer.DisposeAsync();
        _attachLock.Dispose();
    }

    private async Task StopSupervisorAsync()
    {
        Multiplexer.ReconnectGrace = TimeSpan.Zero;
        if (_supervisor is { } supervisor)
        {
            _supervisor = null;
            await supervisor.StopAsync(CancellationToken.None);
            supervisor.Dispose();
        }

        // A channel that never got attached, or one the supervisor left: nothing may stay served.
        await Multiplexer.DetachAsync();
    }

    private static HttpClient CreatePlainHttpClient() => new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        ActivityHeadersPropagator = null,
        ConnectTimeout = TimeSpan.FromSeconds(15),
    })
    {
        // SSE streams live as long as the session; every exchange is bounded by its own cancellation instead.
        Timeout = Timeout.InfiniteTimeSpan,
    };
}
