using System.IO.Pipelines;
using System.Text;
using System.Threading.Channels;
using Toolshed.Core.Runtime;

namespace Toolshed.Proxy.Tests.Support;

/// <summary>A real server process whose stdin is also read by the test: every line the proxy writes to it, in order.</summary>
internal sealed class TappedStdioChannel : IStdioChannel
{
    private readonly ProcessStdioChannel _inner;
    private readonly TapStream _input;

    public TappedStdioChannel(ProcessStdioChannel inner)
    {
        _inner = inner;
        _input = new TapStream(inner.Input);
    }

    public Stream Input => _input;

    public PipeReader Output => _inner.Output;

    public PipeReader Errors => _inner.Errors;

    /// <summary>Waits for the next line written to the server's stdin that <paramref name="match"/> accepts.</summary>
    public async Task<string> NextLineAsync(Func<string, bool> match, CancellationToken cancellationToken)
    {
        while (true)
        {
            var line = await _input.Lines.ReadAsync(cancellationToken);
            if (match(line))
            {
                return line;
            }
        }
    }

    public ValueTask DisposeAsync() => _inner.DisposeAsync();

    private sealed class TapStream(Stream inner) : Stream
    {
        private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
        private readonly StringBuilder _partial = new();

        public ChannelReader<string> Lines => _lines.Reader;

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
            Record(buffer.Span);
            await inner.WriteAsync(buffer, cancellationToken);
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            Record(buffer.AsSpan(offset, count));
            inner.Write(buffer, offset, count);
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        private void Record(ReadOnlySpan<byte> bytes)
        {
            lock (_partial)
            {
                _partial.Append(Encoding.UTF8.GetString(bytes));
                var text = _partial.ToString();
                var end = text.LastIndexOf('\n');
                if (end < 0)
                {
                    return;
                }

                foreach (var line in text[..end].Split('\n'))
                {
                    _lines.Writer.TryWrite(line);
                }

                _partial.Clear().Append(text[(end + 1)..]);
            }
        }
    }
}
