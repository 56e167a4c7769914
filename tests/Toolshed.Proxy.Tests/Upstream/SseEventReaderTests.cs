using System.Text;
using Toolshed.Proxy.Upstream;

namespace Toolshed.Proxy.Tests.Upstream;

public sealed class SseEventReaderTests
{
    [Fact]
    public async Task ReadAsync_EventsWithCommentsAndMultilineData_HandsOverEachEvent()
    {
        var text = ": keep-alive\n\nevent: endpoint\r\ndata: /message?sessionId=1\r\n\r\nid: 7\ndata: {\"a\":\ndata: 1}\n\ndata:{}\n\nevent: cut\ndata: never";
        var events = new List<(string? Type, string Data)>();
        await using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));

        await SseEventReader.ReadAsync(
            stream,
            (type, data) =>
            {
                events.Add((type, Encoding.UTF8.GetString(data.Span)));
                return ValueTask.CompletedTask;
            },
            TestContext.Current.CancellationToken);

        Assert.Equal([("endpoint", "/message?sessionId=1"), (null, "{\"a\":\n1}"), (null, "{}")], events);
    }
}
