using System.Text.Json.Nodes;
using Toolshed.Core.Runtime;
using Toolshed.Proxy.Protocol;

namespace Toolshed.Proxy.Stdio;

/// <summary>One attachment to a backend process's stdio; a restarted container gets a fresh one.</summary>
internal sealed class BackendAttachment : IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly CoalescingLineWriter _input;
    private volatile bool _alive = true;

    /// <param name="channel">The process's standard streams.</param>
    /// <param name="onLost">Called with the proxy id of a request whose line could not be written to stdin.</param>
    public BackendAttachment(IStdioChannel channel, Action<long> onLost)
    {
        Channel = channel;
        _input = new CoalescingLineWriter(channel.Input, onLost, _stopping.Token);
    }

    public IStdioChannel Channel { get; }

    public bool IsAlive => _alive;

    public CancellationToken Stopping => _stopping.Token;

    /// <summary>The proxy's own initialize exchange with this server; a failed one is retried on next need.</summary>
    public Task<JsonObject?>? Initialization { get; set; }

    /// <summary>The JSON-RPC error the server refused the proxy's initialize with, if it did; what callers get then.</summary>
    public JsonObject? InitializeRefusal { get; set; }

    /// <summary>The server refused initialize and answered server/discover for 2026-07-28: it speaks only that.</summary>
    public bool SpeaksModern { get; set; }

    public Task Readers { get; set; } = Task.CompletedTask;

    /// <summary>Marks the backend gone; returns false when it already was.</summary>
    public bool MarkGone()
    {
        if (!_alive)
        {
            return false;
        }

        _alive = false;
        return true;
    }

    public void Stop()
    {
        MarkGone();
        _stopping.Cancel();
    }

    /// <summary>
    /// Queues one message as a line for the server's stdin; false when the backend cannot take it. A request's line
    /// carries its proxy id as <paramref name="proxyId"/>, so a write that fails later still answers it (0: none).
    /// </summary>
    public ValueTask<bool> WriteAsync(JsonNode message, long proxyId = 0) => _input.WriteAsync(JsonRpc.ToUtf8Line(message), proxyId);

    /// <summary>Queues a message that is already a newline-terminated UTF-8 line.</summary>
    public ValueTask<bool> WriteLineAsync(ReadOnlyMemory<byte> line, long proxyId = 0) => _input.WriteAsync(line, proxyId);

    public void Dispose() => _stopping.Dispose();
}
