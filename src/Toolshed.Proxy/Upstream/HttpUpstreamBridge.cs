using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Toolshed.Core.Workloads;
using Toolshed.Proxy.Authz;
using Toolshed.Proxy.Sessions;
using Toolshed.Proxy.Stdio;
using Toolshed.Proxy.Transports;

namespace Toolshed.Proxy.Upstream;

/// <summary>
/// Serves an HTTP workload through the multiplexing stdio bridge over an <see cref="HttpUpstreamChannel"/>, the proxy
/// acting as the server's one MCP client. Without an authorizer it serves only the transport the server does not speak
/// (/sse + /messages before a Streamable HTTP server, /mcp before a legacy SSE one) and the matching one stays with
/// YARP forwarding; with one it serves both, so every message passes the policy in the <see cref="McpCallGate"/>.
/// </summary>
internal sealed class HttpUpstreamBridge : IDisposable
{
    private readonly McpTransport _upstreamTransport;
    private readonly UpstreamChannelSupervisor _supervisor;

    public HttpUpstreamBridge(
        WorkloadProxyOptions options, SessionStore sessions, TimeProvider timeProvider, McpCallGate gate, ILogger logger)
    {
        _upstreamTransport = options.Transport;
        Bridge = new StdioBridge(options.WorkloadName, sessions, logger) { Timeout = new(timeProvider, options.RequestTimeout) };
        var context = new StdioEndpointContext(options, Bridge, sessions, timeProvider, gate, logger);
        Handler = new StdioProxyHandler(context).HandleAsync;
        var upstream = options.UpstreamUrl!;
        _supervisor = new UpstreamChannelSupervisor(
            Bridge,
            CreateHttpClient(),
            http => HttpUpstreamChannel.Create(options.Transport, http, upstream, options.WorkloadName, logger),
            timeProvider,
            options.WorkloadName,
            logger);
    }

    public StdioBridge Bridge { get; }

    /// <summary>The stdio proxy's endpoints, answering the paths <see cref="Serves"/> claims.</summary>
    public RequestDelegate Handler { get; }

    /// <summary>Whether a request path belongs to the bridged transport rather than to forwarding.</summary>
    public bool Serves(PathString path) => _upstreamTransport switch
    {
        McpTransport.StreamableHttp => path.Value is "/sse" or LegacySseEndpoint.MessagesPath or "/message",
        McpTransport.Sse => path.Value is "/mcp" or "/mcp/",
        _ => false,
    };

    public Task StartAsync(CancellationToken cancellationToken) => _supervisor.StartAsync(cancellationToken);

    /// <summary>Stops re-creating channels; the current one is detached (its open requests fail) and closed.</summary>
    public void Dispose() => _supervisor.Dispose();

    private static HttpClient CreateHttpClient() => new(new SocketsHttpHandler
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
