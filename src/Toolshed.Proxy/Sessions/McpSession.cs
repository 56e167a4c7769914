using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Toolshed.Proxy.Sessions;

/// <summary>
/// One client's session with the proxy. Messages not tied to a request in flight (broadcast notifications, server
/// requests when no request stream is open, every legacy SSE message) queue in <see cref="Outbound"/>.
/// </summary>
internal sealed class McpSession : MessageSink, IDisposable
{
    // Bounded so a client that never reads cannot grow the proxy: the oldest broadcast is dropped first.
    private const int OutboundCapacity = 4096;

    private readonly Channel<ReadOnlyMemory<byte>> _outbound = Channel.CreateBounded<ReadOnlyMemory<byte>>(
        new BoundedChannelOptions(OutboundCapacity) { FullMode = BoundedChannelFullMode.DropOldest });
    private readonly CancellationTokenSource _ended = new();
    private long _lastActivity;
    private int _openStreams;
    private int _inFlight;

    public McpSession(string id, SessionKind kind, long now)
    {
        Id = id;
        Kind = kind;
        _lastActivity = now;
        CreatedAt = now;
    }

    /// <summary>When the session was created (a <see cref="TimeProvider"/> timestamp).</summary>
    public long CreatedAt { get; }

    public string Id { get; }

    public SessionKind Kind { get; }

    public string ProtocolVersion { get; set; } = Protocol.McpProtocol.DefaultHttpVersion;

    /// <summary>What the client declared at its initialize (a 2026-only server gets it on each of its requests).</summary>
    public System.Text.Json.Nodes.JsonObject? ClientCapabilities { get; set; }

    public System.Text.Json.Nodes.JsonObject? ClientInfo { get; set; }

    /// <summary>The level the client set with logging/setLevel, when its server needs it on each request instead.</summary>
    public string? LogLevel { get; set; }

    /// <summary>The token subject that opened the session; null when the proxy does not validate tokens.</summary>
    public string? Owner { get; set; }

    /// <summary>Client request ids (as <see cref="Protocol.JsonRpc.IdKey"/>) to the proxy ids they travel under.</summary>
    public ConcurrentDictionary<string, long> ClientIds { get; } = new(StringComparer.Ordinal);

    public ChannelReader<ReadOnlyMemory<byte>> Outbound => _outbound.Reader;

    public CancellationToken Ended => _ended.Token;

    public long LastActivity => Interlocked.Read(ref _lastActivity);

    public int InFlight => Volatile.Read(ref _inFlight);

    public bool HasOpenStream => Volatile.Read(ref _openStreams) > 0;

    public override bool AcceptsRelated => true;

    public override void WriteRelated(ReadOnlyMemory<byte> message) => _outbound.Writer.TryWrite(message);

    public override void WriteResponse(ReadOnlyMemory<byte> message) => _outbound.Writer.TryWrite(message);

    public void Touch(long now) => Interlocked.Exchange(ref _lastActivity, now);

    public void StreamOpened() => Interlocked.Increment(ref _openStreams);

    public void StreamClosed() => Interlocked.Decrement(ref _openStreams);

    public void RequestStarted() => Interlocked.Increment(ref _inFlight);

    public void RequestEnded() => Interlocked.Decrement(ref _inFlight);

    public void End()
    {
        _outbound.Writer.TryComplete();
        _ended.Cancel();
    }

    public void Dispose() => _ended.Dispose();
}
