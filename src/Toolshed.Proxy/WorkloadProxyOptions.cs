using Toolshed.Core.Workloads;
using Toolshed.Proxy.Authz;

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

    /// <summary>
    /// Names besides loopback addresses and localhost a client may put in the Host header (and a browser page's Origin)
    /// of a loopback-bound proxy (`shed serve --allowed-host`); any other is refused with 403 against DNS rebinding.
    /// </summary>
    public IReadOnlyList<string> AllowedHosts { get; init; } = [];

    /// <summary>
    /// How long the server has to answer a request (`shed serve --request-timeout`). Past it the client gets a JSON-RPC
    /// error and the server a notifications/cancelled; <see cref="Timeout.InfiniteTimeSpan"/> waits forever.
    /// </summary>
    public TimeSpan RequestTimeout { get; init; } = DefaultRequestTimeout;

    /// <summary>At most this many sessions are open at once; a new one past it ends the least recently active.</summary>
    public int MaxSessions { get; init; } = DefaultMaxSessions;

    public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromMinutes(10);

    public const int DefaultMaxSessions = 1000;

    /// <summary>Request bodies above this size are refused with 413.</summary>
    public long MaxRequestBodyBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>A Streamable HTTP session with no request and no open stream for this long is forgotten.</summary>
    public TimeSpan SessionIdleTimeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>How often an idle SSE stream gets a comment so intermediaries keep it open.</summary>
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// The server is a remote one (attached as a <see cref="Core.Runtime.RemoteUpstream"/>): both transports are served
    /// through the proxy's own MCP client of it, which carries the remote's credentials; nothing is forwarded, so no
    /// local caller's header reaches the remote and no remote header reaches a caller.
    /// </summary>
    public bool Remote { get; init; }

    /// <summary>When set, every request needs a bearer token from this issuer for this audience (401 otherwise).</summary>
    public OidcSettings? Oidc { get; init; }

    /// <summary>
    /// Pass the inbound Authorization header on to an HTTP backend; off by default, the token is for the proxy. Only for
    /// forwarded HTTP backends (the server's own transport): refused together with <see cref="Authorizer"/>.
    /// </summary>
    public bool ForwardAuthorization { get; init; }

    /// <summary>
    /// Decides tools/call, prompts/get and resources/read and filters the lists. For an HTTP backend it makes the proxy
    /// serve both transports through its own MCP client of the server instead of forwarding the server's own one.
    /// </summary>
    public IMcpCallAuthorizer? Authorizer { get; init; }

    /// <summary>The workload's tool filter at start (see <see cref="WorkloadProxy.SetTools"/> for changes); an HTTP
    /// workload with one is served through the bridge on both transports, as with an authorizer.</summary>
    public Core.Tools.ToolFilterSpec? Tools { get; init; }

    /// <summary>
    /// Where the audit log (&lt;workload&gt;.jsonl) goes; null turns auditing off. An HTTP backend without an authorizer
    /// stays forwarded: the requests of forwarded POSTs are read and audited on their way.
    /// </summary>
    public string? AuditDirectory { get; init; }

    /// <summary>How many characters of a call's arguments the audit keeps; 0 (the default) keeps none.</summary>
    public int AuditArgumentChars { get; init; }

    /// <summary>The audit log rotates past this size, keeping <see cref="AuditFilesKept"/> older files.</summary>
    public long AuditMaxBytes { get; init; } = 10 * 1024 * 1024;

    public int AuditFilesKept { get; init; } = 3;
}
