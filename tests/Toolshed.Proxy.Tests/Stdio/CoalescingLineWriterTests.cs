using System.Collections.Concurrent;
using System.Text;
using System.Threading.Channels;
using Toolshed.Proxy.Stdio;
using Toolshed.Proxy.Tests.Support;

namespace Toolshed.Proxy.Tests.Stdio;

public sealed class CoalescingLineWriterTests
{
    [Fact]
    public async Task WriteAsync_ManyConcurrentCallers_EveryLineArrivesWholeAndInEachCallersOrder_InFewerWrites()
    {
        var ct = TestContext.Current.CancellationToken;
        var stream = new RecordingStream(TimeSpan.FromMilliseconds(2));
        var lost = new ConcurrentBag<long>();
        var writer = new CoalescingLineWriter(stream, lost.Add, ct);
        const int callers = 16;
        const int linesEach = 50;

        await Task.WhenAll(Enumerable.Range(0, callers).Select(c => Task.Run(async () =>
        {
            for (var i = 0; i < linesEach; i++)
            {
                Assert.True(await writer.WriteAsync(Encoding.UTF8.GetBytes($"{{\"caller\":{c},\"n\":{i}}}\n"), tag: c * 1000 + i + 1));
            }
        }, ct)));
        var lines = await WaitForLinesAsync(stream, callers * linesEach, ct);

        Assert.Empty(lost);
        Assert.All(lines, line => Assert.Matches("""^\{"caller":\d+,"n":\d+\}$""", line));
        for (var c = 0; c < callers; c++)
        {
            var prefix = $"{{\"caller\":{c},";
            Assert.Equal(
                Enumerable.Range(0, linesEach).Select(i => $"{prefix}\"n\":{i}}}"),
                lines.Where(l => l.StartsWith(prefix, StringComparison.Ordinal)));
        }

        Assert.True(stream.Chunks.Count < callers * linesEach, $"{stream.Chunks.Count} writes for {callers * linesEach} lines: nothing was coalesced");
    }

    [Fact]
    public async Task WriteAsync_StreamFails_ReportsEveryTaggedLineAsLost()
    {
        var ct = TestContext.Current.CancellationToken;
        var lost = Channel.CreateUnbounded<long>();
        var writer = new CoalescingLineWriter(new RecordingStream(TimeSpan.FromMilliseconds(5), fail: true), tag => lost.Writer.TryWrite(tag), ct);

        await Task.WhenAll(Enumerable.Range(1, 20).Select(tag => Task.Run(
            async () => await writer.WriteAsync("{}\n"u8.ToArray(), tag % 4 == 0 ? 0 : tag), ct)));
        var expected = Enumerable.Range(1, 20).Where(t => t % 4 != 0).Select(t => (long)t).ToList();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(10));
        var reported = new List<long>();
        while (reported.Count < expected.Count)
        {
            reported.Add(await lost.Reader.ReadAsync(deadline.Token));
        }

        Assert.Equal(expected, reported.Order());
    }

    [Fact]
    public async Task WriteAsync_AfterStop_RefusesTheLine()
    {
        using var stopping = new CancellationTokenSource();
        var stream = new RecordingStream(TimeSpan.Zero);
        var writer = new CoalescingLineWriter(stream, _ => { }, stopping.Token);
        await stopping.CancelAsync();

        Assert.False(await writer.WriteAsync("{}\n"u8.ToArray(), tag: 1));
        Assert.Empty(stream.Chunks);
    }

    private static async Task<List<string>> WaitForLinesAsync(RecordingStream stream, int count, CancellationToken ct)
    {
        var bytes = await stream.WaitUntilAsync(b => Lines(b).Count >= count, TimeSpan.FromSeconds(10), ct);
        return Lines(bytes);
    }

    private static List<string> Lines(byte[] bytes) =>
        Encoding.UTF8.GetString(bytes).Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
}
