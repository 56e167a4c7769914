using System.Buffers;
using System.IO.Pipelines;
using Docker.DotNet;
using Microsoft.Extensions.Logging;
using Toolshed.Core.Runtime;

namespace Toolshed.Runtime.Docker;

/// <summary>
/// An attach to a container without a TTY: the engine multiplexes stdout and stderr on one connection, and a pump
/// demultiplexes them into two pipes. Each chunk is copied once into its pipe; the pipes' thresholds push back on the
/// pump (and through it on the container) when a reader falls behind, so a line of many MiB costs no more than its bytes.
/// </summary>
internal sealed partial class DockerStdioChannel : IStdioChannel
{
    private const int ChunkSize = 64 * 1024;
    // The reader runs inline on the pump's thread when a chunk lands: the bridge reads lines without blocking, so
    // handing each chunk to the thread pool would only add a thread hop (and a wake-up) per server message.
    private static readonly PipeOptions s_pipeOptions = new(
        readerScheduler: PipeScheduler.Inline,
        pauseWriterThreshold: 4 * 1024 * 1024,
        resumeWriterThreshold: 2 * 1024 * 1024,
        useSynchronizationContext: false);

    private readonly MultiplexedStream _connection;
    private readonly Pipe _stdout = new(s_pipeOptions);
    private readonly Pipe _stderr = new(s_pipeOptions);
    private readonly CancellationTokenSource _stopping = new();
    private readonly ILogger _logger;
    private readonly string _shortId;
    private readonly Task _pump;
    private int _disposed;

    public DockerStdioChannel(MultiplexedStream connection, string containerId, ILogger logger)
    {
        _connection = connection;
        _logger = logger;
        _shortId = containerId.Length > 12 ? containerId[..12] : containerId;
        Input = new MultiplexedInputStream(connection);
        _pump = Task.Run(() => PumpAsync(_stopping.Token));
    }

    public Stream Input { get; }

    public PipeReader Output => _stdout.Reader;

    public PipeReader Errors => _stderr.Reader;

    /// <summary>Completes when the attach has ended and both readers have been told so.</summary>
    public Task Completion => _pump;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync();
        // Closing the connection unblocks a read that does not watch the token.
        _connection.Dispose();
        await _pump.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await Input.DisposeAsync();
        _stopping.Dispose();
    }

    private async Task PumpAsync(CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        Exception? failure = null;
        try
        {
            while (true)
            {
                var read = await _connection.ReadOutputAsync(buffer, 0, buffer.Length, cancellationToken);
                if (read.EOF)
                {
                    break;
                }

                var writer = read.Target == MultiplexedStream.TargetStream.StandardError ? _stderr.Writer : _stdout.Writer;
                var flush = await writer.WriteAsync(buffer.AsMemory(0, read.Count), cancellationToken);
                if (flush.IsCompleted)
                {
                    // The reader is gone; keep draining the other stream rather than stalling it.
                    continue;
                }
            }

            LogAttachEnded(_logger, _shortId);
        }
        catch (Exception ex) when (cancellationToken.IsCancellationRequested || ex is ObjectDisposedException)
        {
            // Disposed: the readers simply end.
        }
        catch (Exception ex)
        {
            LogAttachFailed(_logger, _shortId, ex);
            failure = ex;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            await _stdout.Writer.CompleteAsync(failure);
            await _stderr.Writer.CompleteAsync(failure);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Attach to container {ContainerId} ended")]
    private static partial void LogAttachEnded(ILogger logger, string containerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Attach to container {ContainerId} failed")]
    private static partial void LogAttachFailed(ILogger logger, string containerId, Exception exception);
}
