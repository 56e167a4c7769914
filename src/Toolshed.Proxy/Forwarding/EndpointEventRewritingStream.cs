using System.Text;

namespace Toolshed.Proxy.Forwarding;

/// <summary>
/// Passes a legacy SSE stream through, rewriting only the first event when it is the <c>endpoint</c> event: an
/// absolute URL naming the backend becomes the same path on the proxy, so clients post their messages to the proxy.
/// The announced path and query go to <paramref name="announced"/>.
/// </summary>
internal sealed class EndpointEventRewritingStream(Stream inner, string proxyBase, Action<string>? announced = null) : Stream
{
    private const int MaxHeldBytes = 64 * 1024;
    private MemoryStream? _held = new();

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) =>
        _held is null ? inner.FlushAsync(cancellationToken) : Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) =>
        WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_held is null)
        {
            await inner.WriteAsync(buffer, cancellationToken);
            return;
        }

        _held.Write(buffer.Span);
        var text = Encoding.UTF8.GetString(_held.GetBuffer(), 0, (int)_held.Length);
        var end = text.IndexOf("\n\n", StringComparison.Ordinal);
        var crlfEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0 && crlfEnd < 0 && _held.Length < MaxHeldBytes)
        {
            return;
        }

        var output = end >= 0 || crlfEnd >= 0 ? Rewrite(text) : text;
        _held = null;
        await inner.WriteAsync(Encoding.UTF8.GetBytes(output), cancellationToken);
        await inner.FlushAsync(cancellationToken);
    }

    private string Rewrite(string text)
    {
        var lines = text.Split('\n');
        var isEndpoint = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Length == 0)
            {
                break;
            }

            if (line.StartsWith("event:", StringComparison.Ordinal))
            {
                isEndpoint = line["event:".Length..].Trim() == "endpoint";
            }
            else if (isEndpoint && line.StartsWith("data:", StringComparison.Ordinal)
                && Uri.TryCreate(line["data:".Length..].Trim(), UriKind.Absolute, out var url)
                && url.Scheme.StartsWith("http", StringComparison.Ordinal))
            {
                lines[i] = "data: " + proxyBase + url.PathAndQuery + (lines[i].EndsWith('\r') ? "\r" : "");
                announced?.Invoke(url.PathAndQuery);
            }
            else if (isEndpoint && line.StartsWith("data:", StringComparison.Ordinal)
                && line["data:".Length..].Trim() is { } relative && relative.StartsWith('/'))
            {
                announced?.Invoke(relative);
            }
        }

        return string.Join('\n', lines);
    }
}
