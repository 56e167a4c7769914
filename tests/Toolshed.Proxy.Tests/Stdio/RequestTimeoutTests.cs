using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Toolshed.Core.Runtime;
using Toolshed.Proxy.Tests.Support;

namespace Toolshed.Proxy.Tests.Stdio;

/// <summary>
/// The proxy's request timeout in front of the real C# test server: a call the server does not answer in time is
/// answered with a JSON-RPC error, and the server is told to stop with notifications/cancelled (proven on its stdin).
/// </summary>
public sealed class RequestTimeoutTests
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(60);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CallTool_ServerSlowerThanTimeout_AnswersTimeoutErrorAndCancelsOnServer()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var backend = new TappedStdioChannel(TestServers.StartCSharpServer());
        await using var harness = await ProxyHarness.StartAsync(null, o => o with { RequestTimeout = TimeSpan.FromSeconds(30) }, time);
        await harness.Proxy.AttachAsync(new StdioUpstream(backend), Ct);
        using var http = new HttpClient { BaseAddress = harness.Proxy.BaseUrl };
        var session = await RawMcpCalls.InitializeAsync(http);

        var call = RawMcpCalls.PostAsync(
            http, "mcp", session, """{"jsonrpc":"2.0","id":"slow","method":"tools/call","params":{"name":"sleep","arguments":{"milliseconds":600000}}}""");
        var sent = JsonNode.Parse(await backend.NextLineAsync(l => l.Contains("\"tools/call\"", StringComparison.Ordinal), Ct).WaitAsync(s_wait, Ct))!;
        time.Advance(TimeSpan.FromSeconds(31));
        using var answer = await call.WaitAsync(s_wait, Ct);
        var cancelled = JsonNode.Parse(await backend.NextLineAsync(l => l.Contains("notifications/cancelled", StringComparison.Ordinal), Ct).WaitAsync(s_wait, Ct))!;

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var error = SseData(await answer.Content.ReadAsStringAsync(Ct));
        Assert.Equal("slow", error["id"]!.GetValue<string>());
        Assert.Equal(-32001, error["error"]!["code"]!.GetValue<int>());
        Assert.Contains("30s", error["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("--request-timeout", error["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(sent["id"]!.ToJsonString(), cancelled["params"]!["requestId"]!.ToJsonString());
        Assert.Contains("timeout", cancelled["params"]!["reason"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallTool_TimedOut_SessionGoesOnAndIdlesOut()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var backend = new TappedStdioChannel(TestServers.StartCSharpServer());
        await using var harness = await ProxyHarness.StartAsync(
            null, o => o with { RequestTimeout = TimeSpan.FromMinutes(1), SessionIdleTimeout = TimeSpan.FromMinutes(5) }, time);
        await harness.Proxy.AttachAsync(new StdioUpstream(backend), Ct);
        using var http = new HttpClient { BaseAddress = harness.Proxy.BaseUrl };
        var session = await RawMcpCalls.InitializeAsync(http);
        var call = RawMcpCalls.PostAsync(
            http, "mcp", session, """{"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"sleep","arguments":{"milliseconds":600000}}}""");
        await backend.NextLineAsync(l => l.Contains("\"tools/call\"", StringComparison.Ordinal), Ct).WaitAsync(s_wait, Ct);
        time.Advance(TimeSpan.FromMinutes(2));
        (await call.WaitAsync(s_wait, Ct)).Dispose();

        using (var echo = await RawMcpCalls.PostAsync(
            http, "mcp", session, """{"jsonrpc":"2.0","id":6,"method":"tools/call","params":{"name":"echo","arguments":{"message":"on"}}}"""))
        {
            Assert.Contains("\"on\"", await echo.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        time.Advance(TimeSpan.FromMinutes(6));
        using var expired = await RawMcpCalls.PostAsync(http, "mcp", session, """{"jsonrpc":"2.0","method":"notifications/initialized"}""");

        Assert.Equal(HttpStatusCode.NotFound, expired.StatusCode);
    }

    private static JsonNode SseData(string text) =>
        JsonNode.Parse(text.Split('\n').Single(l => l.StartsWith("data: ", StringComparison.Ordinal))["data: ".Length..])!;
}
