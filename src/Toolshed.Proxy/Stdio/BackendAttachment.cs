using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Toolshed.Core.Runtime;

namespace Toolshed.Proxy.Stdio;

/// <summary>One attachment to a backend process's stdio; a restarted container gets a fresh one.</summary>
internal sealed class BackendAttachment : IDisposable
{
    private const int KeepBufferBytes = 1024 * 1024;

    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly Utf8JsonWriter _writer;
    private volatile bool _alive = true;

    public BackendAttachment(IStdioChannel channel)
    {
        Channel = channel;
        _writer = new Utf8JsonWriter(_buffer);
    }

    public IStdioChannel Channel { get; }

    public bool IsAlive => _alive;

    public CancellationToken Stopping => _stopping.Token;

    /// <summary>The proxy's own initialize exchange with this server; a failed one is retried on next need.</summary>
    public Task<JsonObject?>? Initialization { get; set; }

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

    /// <summary>Writes one message as a line to the server's stdin; false when the backend cannot take it.</summary>
    public async ValueTask<bool> WriteAsync(JsonNode message)
    {
        try
        {
            await _writeLock.WaitAsync(_stopping.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }

        try
        {
            _writer.Reset(_buffer);
            message.WriteTo(_writer);
            _writer.Flush();
            _buffer.GetSpan(1)[0] = (byte)'\n';
            _buffer.Advance(1);
            await Channel.Input.WriteAsync(_buffer.WrittenMemory, _stopping.Token);
            await Channel.Input.FlushAsync(_stopping.Token);
            return true;
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
            return false;
        }
        finally
        {
            if (_buffer.Capacity > KeepBufferBytes)
            {
                _buffer = new ArrayBufferWriter<byte>(4096);
            }
            else
            {
                _buffer.ResetWrittenCount();
            }

            _writeLock.Release();
        }
    }

    public void Dispose()
    {
        _stopping.Dispose();
        _writer.Dispose();
    }
}
