namespace Toolshed.Proxy.Tests.Support;

/// <summary>A write-only stream that records each write as one chunk; it can be slow (to let writes queue) or fail.</summary>
internal sealed class RecordingStream(TimeSpan writeDelay, bool fail = false) : Stream
{
    private readonly Lock _gate = new();
    private readonly List<byte[]> _chunks = [];
    private readonly SemaphoreSlim _written = new(0);

    public IReadOnlyList<byte[]> Chunks
    {
        get
        {
            lock (_gate)
            {
                return [.. _chunks];
            }
        }
    }

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
        if (writeDelay > TimeSpan.Zero)
        {
            await Task.Delay(writeDelay, cancellationToken);
        }

        if (fail)
        {
            throw new IOException("the attach broke");
        }

        lock (_gate)
        {
            _chunks.Add(buffer.ToArray());
        }

        _written.Release();
    }

    /// <summary>Waits, write by write, until everything written so far satisfies <paramref name="done"/>.</summary>
    public async Task<byte[]> WaitUntilAsync(Func<byte[], bool> done, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (true)
        {
            var bytes = Chunks.SelectMany(c => c).ToArray();
            if (done(bytes))
            {
                return bytes;
            }

            await _written.WaitAsync(deadline.Token);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _written.Dispose();
        }

        base.Dispose(disposing);
    }

    public override void Write(byte[] buffer, int offset, int count) =>
        WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
