using Toolshed.Core.Workloads;

namespace Toolshed.Proxy;

/// <summary>Everything one workload's proxy needs to serve: where to listen, what sits behind it, and its limits.</summary>
public sealed record WorkloadProxyOptions
{
    public required string WorkloadName { get; init; }

    /// <summary>The address to bind; loopback unless the user asked otherwise.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>The port to bind; 0 lets the system choose (read <see cref="WorkloadProxy.Port"/> afterwards).</summary>
    public int Port { get; init; }

    public McpTransport Transport { get; init; } = McpTransport.Stdio;

    /// <summary>
    /// The backend's MCP endpoint for HTTP transports: the Streamable HTTP endpoint (e.g. http://127.0.0.1:8080/mcp)
    /// or the legacy SSE stream (e.g. http://127.0.0.1:8080/sse).
    /// </summary>
    public Uri? UpstreamUrl { get; init; }

    /// <summary>Request bodies above this size are refused with 413.</summary>
    public long MaxRequestBodyBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>A Streamable HTTP session with no request and no open stream for this long is forgotten.</summary>
    public TimeSpan SessionIdleTimeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>How often an idle SSE stream gets a comment so intermediaries keep it open.</summary>
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(15);
}
