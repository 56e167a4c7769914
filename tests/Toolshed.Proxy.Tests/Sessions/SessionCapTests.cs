using System.Net;
using Microsoft.Extensions.Time.Testing;
using Toolshed.Proxy.Tests.Support;

namespace Toolshed.Proxy.Tests.Sessions;

/// <summary>The cap on open sessions per proxy, over real HTTP in front of the C# test server.</summary>
public sealed class SessionCapTests
{
    private const string Ping = """{"jsonrpc":"2.0","id":9,"method":"ping"}""";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Initialize_PastTheCap_EndsTheLeastRecentlyActiveSessionWhichThenGets404()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var harness = await ProxyHarness.StartAsync(TestServers.StartCSharpServer, o => o with { MaxSessions = 3 }, time);
        using var http = new HttpClient { BaseAddress = harness.Proxy.BaseUrl };
        var sessions = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            sessions.Add(await RawMcpCalls.InitializeAsync(http));
            time.Advance(TimeSpan.FromSeconds(1));
        }

        // The first becomes the most recently active; the second is now the oldest.
        (await RawMcpCalls.PostAsync(http, "mcp", sessions[0], Ping)).Dispose();
        time.Advance(TimeSpan.FromSeconds(1));
        var fourth = await RawMcpCalls.InitializeAsync(http);

        Assert.Equal(3, harness.Proxy.SessionCount);
        using var dropped = await RawMcpCalls.PostAsync(http, "mcp", sessions[1], Ping);
        Assert.Equal(HttpStatusCode.NotFound, dropped.StatusCode);
        foreach (var kept in new[] { sessions[0], sessions[2], fourth })
        {
            using var answer = await RawMcpCalls.PostAsync(http, "mcp", kept, Ping);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        }
    }

    [Fact]
    public async Task Initialize_PastTheCap_KeepsASessionWithAnOpenStreamOverAnIdleOne()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var harness = await ProxyHarness.StartAsync(TestServers.StartCSharpServer, o => o with { MaxSessions = 2 }, time);
        using var http = new HttpClient { BaseAddress = harness.Proxy.BaseUrl };
        var streaming = await RawMcpCalls.InitializeAsync(http);
        time.Advance(TimeSpan.FromSeconds(1));
        var idle = await RawMcpCalls.InitializeAsync(http);
        time.Advance(TimeSpan.FromSeconds(1));
        using var get = new HttpRequestMessage(HttpMethod.Get, "mcp");
        get.Headers.Add("Mcp-Session-Id", streaming);
        get.Headers.Accept.ParseAdd("text/event-stream");
        using var stream = await http.SendAsync(get, HttpCompletionOption.ResponseHeadersRead, Ct);
        Assert.Equal(HttpStatusCode.OK, stream.StatusCode);

        await RawMcpCalls.InitializeAsync(http);

        using var dropped = await RawMcpCalls.PostAsync(http, "mcp", idle, Ping);
        using var kept = await RawMcpCalls.PostAsync(http, "mcp", streaming, Ping);
        Assert.Equal(HttpStatusCode.NotFound, dropped.StatusCode);
        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
    }
}
