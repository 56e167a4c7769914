using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using Toolshed.Core.Runtime;
using Toolshed.Core.Workloads;
using Toolshed.Proxy.Audit;
using Toolshed.Proxy.Authz;
using Toolshed.Proxy.Sessions;

namespace Toolshed.Proxy;

/// <summary>
/// One workload's MCP proxy: its own Kestrel listener serving /mcp, /sse and /messages in front of a stdio backend or
/// an HTTP backend (forwarded, or served through the proxy's own MCP client of it when its calls are authorized).
/// Created by <see cref="WorkloadProxyFactory.StartAsync"/>, listening from then until <see cref="StopAsync"/>; the
/// upstream is attached with <see cref="AttachAsync"/> after every start of the server, without a restart of the
/// listener. While none is attached, MCP requests get the JSON-RPC error -32000 "the MCP server is not running".
/// </summary>
public sealed class WorkloadProxy : IWorkloadEndpoint
{
    private static readonly TimeSpan s_gracefulStop = TimeSpan.FromSeconds(2);

    private readonly KestrelServer _server;
    private readonly ProxyUpstream _upstream;
    private readonly SessionStore _sessions;
    private readonly SessionExpiryService _expiry;
    private readonly AuditLog? _audit;
    private readonly ILogger _logger;
    private readonly McpCallGate _gate;
    private int _stopped;

    internal WorkloadProxy(
        WorkloadProxyOptions options,
        int port,
        KestrelServer server,
        ProxyUpstream upstream,
        SessionStore sessions,
        SessionExpiryService expiry,
        AuditLog? audit,
        McpCallGate gate,
        ILogger logger)
    {
        _gate = gate;
        Options = options;
        Port = port;
        _server = server;
        _upstream = upstream;
        _sessions = sessions;
        _expiry = expiry;
        _audit = audit;
        _logger = logger;
    }

    public WorkloadProxyOptions Options { get; }

    public string WorkloadName => Options.WorkloadName;

    /// <summary>The port actually bound (the chosen one when <see cref="WorkloadProxyOptions.Port"/> was 0).</summary>
    public int Port { get; }

    /// <summary>The base address, e.g. http://127.0.0.1:43117/.</summary>
    public Uri BaseUrl => new UriBuilder(Uri.UriSchemeHttp, Options.Host, Port).Uri;

    public Uri McpUrl => new(BaseUrl, "mcp");

    public Uri SseUrl => new(BaseUrl, "sse");

    /// <summary>Whether an upstream is attached (for stdio: and its stdout still open).</summary>
    public bool IsBackendAttached => _upstream.IsAttached;

    public int SessionCount => _sessions.ClientCount;

    /// <summary>The MCP revisions clients may speak to this endpoint: 2026-07-28 (stateless) and the 2025-era ones.</summary>
    public static IReadOnlyList<string> ServedProtocolVersions => Modern.ModernProtocol.ServedVersions;

    /// <summary>The revision the server itself speaks, as it answered the proxy's initialize; null until it has.</summary>
    public string? ServerProtocolVersion => _upstream.ServerProtocolVersion;

    /// <summary>The tool filter clients see the server's tools through now.</summary>
    public Core.Tools.ToolFilterSpec? Tools => _gate.Tools?.Spec;

    /// <summary>Whether <see cref="SetTools"/> can change what clients see without a new proxy: every workload
    /// served through the bridge (stdio, remote, or HTTP with a policy or a filter from the start). A forwarded HTTP
    /// server's own transport passes through unread, so a filter needs the proxy built anew.</summary>
    public bool CanFilterTools => Options.Transport == McpTransport.Stdio || Options.Remote || Options.Authorizer is not null || Options.Tools is not null;

    /// <summary>
    /// Shows the server's tools through <paramref name="tools"/> from the next request on, and tells every connected
    /// client with <c>notifications/tools/list_changed</c>. Returns false (and changes nothing) when
    /// <see cref="CanFilterTools"/> is false.
    /// </summary>
    public bool SetTools(Core.Tools.ToolFilterSpec? tools)
    {
        if (!CanFilterTools)
        {
            return false;
        }

        _gate.Tools = tools is { IsEmpty: false } ? new Tools.ToolFilter(tools) : null;
        _sessions.Broadcast(Protocol.JsonRpc.ToUtf8(new System.Text.Json.Nodes.JsonObject
        {
            ["jsonrpc"] = "2.0",
            ["method"] = "notifications/tools/list_changed",
        }));
        return true;
    }

    /// <summary>The audit log file, when auditing is on.</summary>
    public string? AuditLogPath => _audit?.FilePath;

    /// <summary>
    /// Serves clients through this upstream from now on: the stdio channel of a stdio server (the caller keeps
    /// ownership of it and disposes it), or the MCP endpoint of an HTTP one. Call it again after the server restarts;
    /// requests open on the old upstream fail with a JSON-RPC error, and sessions a forwarded HTTP server handed out
    /// are forgotten (their streams end, and their clients re-initialize with the new server).
    /// </summary>
    public Task AttachAsync(WorkloadUpstream upstream, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _stopped) != 0, this);
        return _upstream.AttachAsync(upstream, cancellationToken);
    }

    /// <summary>The upstream is gone: every open request is answered with a JSON-RPC error, and new ones until the next
    /// attach.</summary>
    public ValueTask DetachAsync() => _upstream.DetachAsync();

    /// <summary>Stops listening (the port is free when this returns), ends every session and detaches the backend.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        _sessions.Clear();
        await _upstream.DetachAsync();

        using (var grace = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            grace.CancelAfter(s_gracefulStop);
            await _server.StopAsync(grace.Token);
        }

        await _expiry.StopAsync(CancellationToken.None);
        _expiry.Dispose();
        _server.Dispose();
        await _upstream.DisposeAsync();
        _audit?.Dispose();
        _gate.Telemetry?.Dispose();
        ProxyLog.ProxyStopped(_logger, WorkloadName, Port);
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
