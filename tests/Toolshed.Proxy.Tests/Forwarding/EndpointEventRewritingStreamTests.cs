using System.Text;
using Toolshed.Proxy.Forwarding;

namespace Toolshed.Proxy.Tests.Forwarding;

public sealed class EndpointEventRewritingStreamTests
{
    [Fact]
    public async Task Write_AbsoluteEndpointInPieces_PointsAtTheProxy()
    {
        var ct = TestContext.Current.CancellationToken;
        using var inner = new MemoryStream();
        await using var stream = new EndpointEventRewritingStream(inner, "http://127.0.0.1:5000");

        await stream.WriteAsync(Encoding.UTF8.GetBytes("event: endpoint\ndata: http://10.0.0.7:8080/mes"), ct);
        await stream.WriteAsync(Encoding.UTF8.GetBytes("sages?sessionId=abc\n\nevent: message\ndata: http://10.0.0.7:8080/x\n\n"), ct);

        Assert.Equal(
            "event: endpoint\ndata: http://127.0.0.1:5000/messages?sessionId=abc\n\nevent: message\ndata: http://10.0.0.7:8080/x\n\n",
            Encoding.UTF8.GetString(inner.ToArray()));
    }

    [Fact]
    public async Task Write_RelativeEndpoint_PassesUnchanged()
    {
        var ct = TestContext.Current.CancellationToken;
        using var inner = new MemoryStream();
        await using var stream = new EndpointEventRewritingStream(inner, "http://127.0.0.1:5000");

        await stream.WriteAsync(Encoding.UTF8.GetBytes("event: endpoint\ndata: /message?sessionId=abc\n\n"), ct);

        Assert.Equal("event: endpoint\ndata: /message?sessionId=abc\n\n", Encoding.UTF8.GetString(inner.ToArray()));
    }
}
