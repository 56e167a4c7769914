using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using Toolshed.Proxy.Sessions;
using Toolshed.Proxy.Transports;

namespace Toolshed.Proxy.Tests.Transports;

public sealed class ExchangeAnswerTests
{
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task WriteEventsAsync_AnswerAlreadyThere_WritesOneEventAndStartsNoTimer()
    {
        var (http, body) = NewContext();
        var time = new FakeTimeProvider();
        var exchange = new ExchangeSink(1, acceptsRelated: true);
        exchange.WriteResponse(Bytes("""{"id":1,"result":{}}"""));

        await ExchangeAnswer.WriteEventsAsync(http.Response, exchange, KeepAlive, time, TestContext.Current.CancellationToken);

        Assert.Equal("event: message\ndata: {\"id\":1,\"result\":{}}\n\n", await TextOfAsync(http, body));
        Assert.Equal("text/event-stream", http.Response.ContentType);
        Assert.False(exchange.AcceptsRelated);
    }

    [Fact]
    public async Task WriteEventsAsync_SlowCall_SendsKeepAlivesThenRelatedMessagesThenTheAnswer()
    {
        var (http, body) = NewContext();
        var time = new FakeTimeProvider();
        var exchange = new ExchangeSink(1, acceptsRelated: true);

        var writing = ExchangeAnswer.WriteEventsAsync(http.Response, exchange, KeepAlive, time, TestContext.Current.CancellationToken);
        Assert.False(writing.IsCompleted);
        time.Advance(KeepAlive);
        Assert.True(exchange.AcceptsRelated);
        exchange.WriteRelated(Bytes("""{"method":"notifications/progress"}"""));
        exchange.WriteResponse(Bytes("""{"id":1,"result":{}}"""));
        await writing;

        Assert.Equal(
            ": keep-alive\n\nevent: message\ndata: {\"method\":\"notifications/progress\"}\n\nevent: message\ndata: {\"id\":1,\"result\":{}}\n\n",
            await TextOfAsync(http, body));
    }

    [Fact]
    public async Task WriteEventsAsync_Batch_EndsOnlyWhenEveryResponseIsOut_AndDropsWhatComesAfter()
    {
        var (http, body) = NewContext();
        var exchange = new ExchangeSink(2, acceptsRelated: true);

        var writing = ExchangeAnswer.WriteEventsAsync(http.Response, exchange, KeepAlive, new FakeTimeProvider(), TestContext.Current.CancellationToken);
        exchange.WriteResponse(Bytes("""{"id":"a","result":{}}"""));
        Assert.False(writing.IsCompleted);
        exchange.WriteResponse(Bytes("""{"id":"b","result":{}}"""));
        await writing;
        exchange.WriteRelated(Bytes("""{"method":"late"}"""));

        var text = await TextOfAsync(http, body);
        Assert.Contains("\"id\":\"a\"", text);
        Assert.Contains("\"id\":\"b\"", text);
        Assert.DoesNotContain("late", text);
    }

    [Fact]
    public async Task WriteEventsAsync_ClientLeaves_EndsTheWait()
    {
        var (http, _) = NewContext();
        using var leaving = new CancellationTokenSource();
        var exchange = new ExchangeSink(1, acceptsRelated: true);

        var writing = ExchangeAnswer.WriteEventsAsync(http.Response, exchange, KeepAlive, new FakeTimeProvider(), leaving.Token);
        await leaving.CancelAsync();
        await writing.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.False(exchange.AcceptsRelated);
    }

    [Fact]
    public async Task WriteJsonAsync_Batch_WritesAnArrayOnceEveryResponseIsIn()
    {
        var (http, body) = NewContext();
        var exchange = new ExchangeSink(2, acceptsRelated: false);

        var writing = ExchangeAnswer.WriteJsonAsync(http.Response, exchange, isBatch: true, TestContext.Current.CancellationToken);
        exchange.WriteResponse(Bytes("""{"id":"a","result":{}}"""));
        Assert.False(writing.IsCompleted);
        exchange.WriteResponse(Bytes("""{"id":"b","result":{}}"""));
        await writing;

        Assert.Equal("""[{"id":"a","result":{}},{"id":"b","result":{}}]""", await TextOfAsync(http, body));
        Assert.Equal("application/json", http.Response.ContentType);
    }

    [Fact]
    public async Task WriteJsonAsync_SingleAnswer_HasAContentLength()
    {
        var (http, body) = NewContext();
        var exchange = new ExchangeSink(1, acceptsRelated: false);
        var answer = Bytes("""{"id":7,"result":{"x":"é"}}""");

        var writing = ExchangeAnswer.WriteJsonAsync(http.Response, exchange, isBatch: false, TestContext.Current.CancellationToken);
        exchange.WriteResponse(answer);
        await writing;

        Assert.Equal(answer.Length, http.Response.ContentLength);
        Assert.Equal("""{"id":7,"result":{"x":"é"}}""", await TextOfAsync(http, body));
    }

    private static (DefaultHttpContext Http, MemoryStream Body) NewContext()
    {
        var body = new MemoryStream();
        var http = new DefaultHttpContext();
        http.Response.Body = body;
        return (http, body);
    }

    private static async Task<string> TextOfAsync(DefaultHttpContext http, MemoryStream body)
    {
        await http.Response.BodyWriter.FlushAsync(TestContext.Current.CancellationToken);
        return Encoding.UTF8.GetString(body.ToArray());
    }

    private static byte[] Bytes(string json) => Encoding.UTF8.GetBytes(json);
}
