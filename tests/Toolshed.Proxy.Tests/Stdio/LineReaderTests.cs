using System.IO.Pipelines;
using System.Text;
using Toolshed.Proxy.Stdio;

namespace Toolshed.Proxy.Tests.Stdio;

public sealed class LineReaderTests
{
    [Fact]
    public async Task ReadLinesAsync_LinesSplitAcrossWrites_YieldsWholeLines()
    {
        var ct = TestContext.Current.CancellationToken;
        var pipe = new Pipe();
        var big = new string('y', 3 * 1024 * 1024);
        var writer = Task.Run(async () =>
        {
            foreach (var piece in new[] { "{\"a\":1}\r\n{\"b\"", ":2}\n", big[..1000], big[1000..], "\nlast-without-newline" })
            {
                await pipe.Writer.WriteAsync(Encoding.UTF8.GetBytes(piece), ct);
            }

            await pipe.Writer.CompleteAsync();
        }, ct);
        var lines = new List<string>();

        await LineReader.ReadLinesAsync(pipe.Reader, line =>
        {
            lines.Add(Encoding.UTF8.GetString(line));
            return ValueTask.CompletedTask;
        }, ct);
        await writer;

        Assert.Equal(["{\"a\":1}", "{\"b\":2}", big, "last-without-newline"], lines);
    }
}
