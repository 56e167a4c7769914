using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using Toolshed.Core.Runtime;
using Toolshed.Core.Workloads;
using Toolshed.Proxy.Audit;
using Toolshed.Proxy.Sessions;
using Toolshed.Proxy.Stdio;

namespace Toolshed.Proxy;

/// <summary>
/// One workload's MCP proxy: its own Kestrel listener serving /mcp, /sse and /messages in front of a stdio backend
/// (attached with <see cref="AttachBackend"/>) or an HTTP backend (forwarded, or served through the proxy's own MCP
/// client of it when its calls are authorized). Created by
/// <see cref="WorkloadProxyFactory.StartAsync"/>, listening from then until <see cref="StopAsync"/>.
/// </summary>
public sealed class WorkloadProxy : IAsyncDisposable
{
    private static readonly TimeSpan s_gracefulStop = TimeSpan.FromSeconds(2);

    private readonly KestrelServer _server;
    private readonly StdioBridge? _bridge;
    private readonly SessionStore _sessions;
    private readonly SessionExpiryService _expiry;
    private readonly HttpMessageInvoker? _upstreamClient;
    private readonly IDisposable? _upstreamBridge;
    private readonly AuditLog? _audit;
    private readonly ILogger _logger;
    private int _stopped;

    internal WorkloadProxy(
        WorkloadProxyOptions options,
        int port,
        KestrelServer server,
        StdioBridge? bridge,
        SessionStore sessions,
        SessionExpiryService expiry,
        HttpMessageInvoker? upstreamClient,
        IDisposable? upstreamBridge,
        AuditLog? audit,
        ILogger logger)
    {
        Options = options;
        Port = port;
        _server = server;
        _bridge = bridge;
        _sessions = sessions;
        _expiry = expiry;
        _upstreamClient = upstreamClient;
        _upstreamBridge = upstreamBridge;
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

    /// <summary>Whether a stdio backend is attached and its stdout still open.</summary>
    public bool IsBackendAttached => _bridge?.IsAttached ?? false;

    public int SessionCount => _sessions.Count;

    /// <summary>The audit log file, when auditing is on.</summary>
    public string? AuditLogPath => _audit?.FilePath;

    /// <summary>
    /// Serves clients over this stdio connection from now on. Call it again with the new connection after the
    /// container restarts; requests open on the old one fail with a JSON-RPC error. The caller keeps ownership of the
    /// channel and disposes it.
    /// </summary>
    public void AttachBackend(IStdioChannel channel)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _stopped) != 0, this);
        if (_bridge is null)
        {
            throw new InvalidOperationException($"The proxy of {WorkloadName} forwards {Options.Transport.ToName()}; only stdio backends attach.");
        }

        _bridge.Attach(channel);
    }

    /// <summary>Stops reading the stdio backend; every open request is answered with a JSON-RPC error.</summary>
    public Task DetachBackendAsync() => _bridge?.DetachAsync() ?? Task.CompletedTask;

    /// <summary>Stops listening (the port is free when this returns), ends every session and detaches the backend.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        _sessions.Clear();
        if (_bridge is not null)
        {
            await _bridge.DetachAsync();
        }

        using (var grace = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            grace.CancelAfter(s_gracefulStop);
            await _server.StopAsync(grace.Token);
        }

        await _expiry.StopAsync(CancellationToken.None);
        _expiry.Dispose();
        _server.Dispose();
        _upstreamClient?.Dispose();
        _upstreamBridge?.Dispose();
        _audit?.Dispose();
        ProxyLog.ProxyStopped(_logger, WorkloadName, Port);
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
