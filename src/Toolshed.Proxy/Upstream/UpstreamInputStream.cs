using System.Buffers;

namespace Toolshed.Proxy.Upstream;

/// <summary>
/// The write side of an <see cref="HttpUpstreamChannel"/>: collects what the bridge writes into newline-delimited
/// messages and hands each over as its own buffer (the send may outlive the caller's).
/// </summary>
internal sealed class UpstreamInputStream(Func<ReadOnlyMemory<byte>, ValueTask> onMessage, Func<bool> isEnded) : Stream
{
    private readonly ArrayBufferWriter<byte> _partial = new();

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (isEnded())
        {
            throw new IOException("The MCP server's HTTP connection is gone.");
        }

        while (!buffer.IsEmpty)
        {
            var newline = buffer.Span.IndexOf((byte)'\n');
            if (newline < 0)
            {
                _partial.Write(buffer.Span);
                return;
            }

            byte[] line;
            if (_partial.WrittenCount > 0)
            {
                _partial.Write(buffer.Span[..newline]);
                line = _partial.WrittenSpan.ToArray();
                _partial.ResetWrittenCount();
            }
            else
            {
                line = buffer.Span[..newline].ToArray();
            }

            buffer = buffer[(newline + 1)..];
            if (line.AsSpan().ContainsAnyExcept((byte)' ', (byte)'\t', (byte)'\r'))
            {
                await onMessage(line);
            }
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("An upstream channel is written asynchronously.");

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
