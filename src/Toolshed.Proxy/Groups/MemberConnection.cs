using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Toolshed.Proxy.Protocol;
using Toolshed.Proxy.Stdio;
using Toolshed.Proxy.Upstream;

namespace Toolshed.Proxy.Groups;

/// <summary>
/// One group client's session with one member: an MCP client session of the member's own endpoint (so the member's
/// filter, policy and audit apply behind the group), opened with the client's capabilities. Requests get ids of this
/// connection's own; answers complete them; everything else the member sends (notifications, its own requests) goes to
/// <c>onMessage</c>. Disposing it ends the member session (HTTP DELETE).
/// </summary>
internal sealed class MemberConnection : IAsyncDisposable
{
    private readonly HttpUpstreamChannel _channel;
    private readonly Action<MemberConnection, JsonObject> _onMessage;
    private readonly ConcurrentDictionary<long, TaskCompletionSource<JsonObject>> _pending = new();
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly Task _reading;
    private long _nextId;
    private int _disposed;

    private MemberConnection(string member, HttpUpstreamChannel channel, Action<MemberConnection, JsonObject> onMessage)
    {
        Member = member;
        _channel = channel;
        _onMessage = onMessage;
        _reading = ReadAsync();
    }

    public string Member { get; }

    /// <summary>The member's endpoint, as CLIENT spans record it.</summary>
    public Telemetry.UpstreamPeer Peer { get; private init; } = Telemetry.UpstreamPeer.Stdio;

    /// <summary>The revision the member agreed to at initialize.</summary>
    public string? ProtocolVersion { get; private set; }

    /// <summary>Whether the member session is still there to send to.</summary>
    public bool IsOpen => !_reading.IsCompleted && Volatile.Read(ref _disposed) == 0;

    /// <summary>Opens the session: initialize with <paramref name="initializeParams"/>, then initialized.</summary>
    public static async Task<MemberConnection> OpenAsync(
        GroupMember member, HttpClient http, JsonObject initializeParams, Action<MemberConnection, JsonObject> onMessage,
        ILogger logger, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var channel = new StreamableHttpUpstreamChannel(http, member.McpUrl!, member.Name, logger);
        var connection = new MemberConnection(member.Name, channel, onMessage) { Peer = Telemetry.UpstreamPeer.Http(member.McpUrl!) };
        try
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(timeout);
            var answer = await connection.RequestAsync("initialize", initializeParams, limit.Token);
            if (answer["error"] is JsonObject error)
            {
                throw new MemberUnavailableException($"member '{member.Name}' refused the session: {error["message"]}");
            }

            connection.ProtocolVersion = answer["result"]?["protocolVersion"] is JsonValue version && version.TryGetValue(out string? agreed) ? agreed : null;

            await connection.NotifyAsync("notifications/initialized", null);
            return connection;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await connection.DisposeAsync();
            throw new MemberUnavailableException($"member '{member.Name}' did not answer within {timeout.TotalSeconds:0} s");
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Sends a request and waits for its answer (a result or an error, as the member gave it). Cancelling tells the
    /// member (<c>notifications/cancelled</c>) and throws; a connection that ends answers with a -32000 error.
    /// </summary>
    public async Task<JsonObject> RequestAsync(
        string method, JsonNode? parameters, CancellationToken cancellationToken, Action<JsonObject, long>? beforeSend = null)
    {
        var id = Interlocked.Increment(ref _nextId);
        var answer = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = answer;
        var request = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method };
        if (parameters is not null)
        {
            // Moved, not copied, out of the client's message (which is done with once forwarded).
            (parameters.Parent as JsonObject)?.Remove("params");
            request["params"] = parameters;
        }

        beforeSend?.Invoke(request, id);

        if (!IsOpen || !await WriteAsync(request))
        {
            _pending.TryRemove(id, out _);
            return Gone(id);
        }

        await using (cancellationToken.Register(() => _ = CancelAsync(id)))
        {
            return await answer.Task.WaitAsync(cancellationToken);
        }
    }

    public async Task NotifyAsync(string method, JsonNode? parameters)
    {
        var notification = new JsonObject { ["jsonrpc"] = "2.0", ["method"] = method };
        if (parameters is not null)
        {
            notification["params"] = parameters;
        }

        await WriteAsync(notification);
    }

    /// <summary>Answers a request the member sent (with the member's own id in <paramref name="response"/>).</summary>
    public Task RespondAsync(JsonObject response) => WriteAsync(response);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _channel.DisposeAsync();
        await _reading;
        _writeLock.Dispose();
    }

    private async Task CancelAsync(long id)
    {
        if (_pending.TryRemove(id, out _))
        {
            await NotifyAsync("notifications/cancelled", new JsonObject { ["requestId"] = id, ["reason"] = "cancelled by the client" });
        }
    }

    private async Task<bool> WriteAsync(JsonObject message)
    {
        try
        {
            await _writeLock.WaitAsync(CancellationToken.None);
            try
            {
                await _channel.Input.WriteAsync(JsonRpc.ToUtf8Line(message));
                return true;
            }
            finally
            {
                _writeLock.Release();
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            return false;
        }
    }

    private async Task ReadAsync()
    {
        try
        {
            await LineReader.ReadLinesAsync(_channel.Output, OnLineAsync, CancellationToken.None);
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or OperationCanceledException)
        {
        }
        finally
        {
            foreach (var id in _pending.Keys)
            {
                if (_pending.TryRemove(id, out var answer))
                {
                    answer.TrySetResult(Gone(id));
                }
            }
        }
    }

    private ValueTask OnLineAsync(System.Buffers.ReadOnlySequence<byte> line)
    {
        if (JsonRpc.TryParse(line) is not JsonObject message)
        {
            return ValueTask.CompletedTask;
        }

        if (JsonRpc.Classify(message, out _, out var id) == MessageKind.Response)
        {
            if (id is JsonValue value && value.TryGetValue(out long key) && _pending.TryRemove(key, out var answer))
            {
                answer.TrySetResult(message);
            }

            return ValueTask.CompletedTask;
        }

        _onMessage(this, message);
        return ValueTask.CompletedTask;
    }

    private JsonObject Gone(long id) =>
        JsonRpc.Error(id, McpProtocol.ServerGone, $"the session with member '{Member}' ended");
}
