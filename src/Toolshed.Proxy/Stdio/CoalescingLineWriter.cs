using System.Buffers;

namespace Toolshed.Proxy.Stdio;

/// <summary>
/// Writes lines to a backend's stdin, coalescing the ones that queue up while a write is in flight. A caller that finds
/// the writer idle writes its own line at once (no thread hop); lines that arrive meanwhile are queued and the next
/// round writes all of them with one write, so under load the server, the engine's attach relay and the proxy each
/// pay one wake-up per batch instead of one per message. Rounds after the first run on the thread pool, so no caller
/// stays busy writing other callers' lines for long.
/// </summary>
internal sealed class CoalescingLineWriter
{
    private const int KeepBufferBytes = 1024 * 1024;

    private readonly Stream _stream;
    private readonly Action<long> _onLost;
    private readonly CancellationToken _stopping;
    private readonly Lock _gate = new();
    private List<QueuedLine> _queued = [];
    private List<QueuedLine> _taken = [];
    private ArrayBufferWriter<byte> _batch = new(4096);
    private bool _draining;

    /// <param name="stream">The backend's stdin.</param>
    /// <param name="onLost">Called with the tag of each tagged line that could not be written.</param>
    /// <param name="stopping">Cancels writes in flight and refuses new ones.</param>
    public CoalescingLineWriter(Stream stream, Action<long> onLost, CancellationToken stopping)
    {
        _stream = stream;
        _onLost = onLost;
        _stopping = stopping;
    }

    /// <summary>
    /// Queues one newline-terminated line. Returns false only when the writer is stopping and the line was not taken;
    /// a taken line that later fails to reach the stream is reported through the lost-line callback with
    /// <paramref name="tag"/> (0: not reported).
    /// </summary>
    public ValueTask<bool> WriteAsync(ReadOnlyMemory<byte> line, long tag)
    {
        if (_stopping.IsCancellationRequested)
        {
            return ValueTask.FromResult(false);
        }

        lock (_gate)
        {
            _queued.Add(new QueuedLine(line, tag));
            if (_draining)
            {
                return ValueTask.FromResult(true);
            }

            _draining = true;
        }

        return WriteFirstRoundAsync();
    }

    private async ValueTask<bool> WriteFirstRoundAsync()
    {
        await WriteRoundAsync().ConfigureAwait(false);
        if (!FinishRound())
        {
            // More arrived while this caller wrote: the thread pool writes them, this caller goes on.
            _ = Task.Run(DrainAsync);
        }

        return true;
    }

    private async Task DrainAsync()
    {
        do
        {
            await WriteRoundAsync().ConfigureAwait(false);
        }
        while (!FinishRound());
    }

    /// <summary>Ends a round: true when nothing is queued any more (the writer is then idle).</summary>
    private bool FinishRound()
    {
        lock (_gate)
        {
            if (_queued.Count == 0)
            {
                _draining = false;
                return true;
            }

            return false;
        }
    }

    /// <summary>Takes everything queued and writes it: a lone line as it is, several copied into one buffer.</summary>
    private async Task WriteRoundAsync()
    {
        List<QueuedLine> lines;
        lock (_gate)
        {
            lines = _queued;
            _queued = _taken;
            _taken = lines;
        }

        try
        {
            if (lines.Count == 1)
            {
                await _stream.WriteAsync(lines[0].Bytes, _stopping).ConfigureAwait(false);
            }
            else
            {
                foreach (var line in lines)
                {
                    _batch.Write(line.Bytes.Span);
                }

                await _stream.WriteAsync(_batch.WrittenMemory, _stopping).ConfigureAwait(false);
            }

            await _stream.FlushAsync(_stopping).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Whatever went wrong (the attach broke, the backend is stopping), these lines did not reach it.
            foreach (var line in lines)
            {
                if (line.Tag != 0)
                {
                    _onLost(line.Tag);
                }
            }
        }
        finally
        {
            lines.Clear();
            if (_batch.Capacity > KeepBufferBytes)
            {
                _batch = new ArrayBufferWriter<byte>(4096);
            }
            else
            {
                _batch.ResetWrittenCount();
            }
        }
    }
}
