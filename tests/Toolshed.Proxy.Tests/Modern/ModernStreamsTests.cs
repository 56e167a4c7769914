using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Toolshed.Core.Runtime;
using Toolshed.Core.Tools;
using Toolshed.Proxy.Tests.Support;

namespace Toolshed.Proxy.Tests.Modern;

/// <summary>
/// What streams for a 2026-07-28 client through the stdio bridge: progress on its request's stream, cancellation by
/// closing that stream (notifications/cancelled reaches the server), and subscriptions/listen fed from the 2025-era
/// server's own notifications.
/// </summary>
public sealed class ModernStreamsTests
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(60);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Progress_TravelsOnTheRequestsStream_UnderTheClientsToken()
    {
        await using var harness = await ProxyHarness.StartAsync(() => TestServers.StartEverything());
        using var http = new HttpClient { BaseAddress = harness.Proxy.BaseUrl };
        var meta = ModernWire.Meta();
        meta["progressToken"] = "mine";
        var parameters = new JsonObject { ["name"] = "trigger-long-running-operation", ["arguments"] = new JsonObject { ["duration"] = 0.3, ["steps"] = 3 } };

        var answer = await new ModernWire(http).CallAsync("tools/call", parameters, meta: meta, sse: true);

        var progress = answer.Messages.Where(m => m["method"]?.GetValue<string>() == "notifications/progress").ToList();
        Assert.Equal(3, progress.Count);
        Assert.All(progress, p => Assert.Equal("mine", p["params"]!["progressToken"]!.GetValue<string>()));
        Assert.Equal("complete", answer.Result!["resultType"]?.GetValue<string>());
    }

    [Fact]
    public async Task ClosingTheRequestsStream_CancelsTheCallOnTheServer()
    {
        await using var backend = new TappedStdioChannel(TestServers.StartCSharpServer());
        await using var harness = await ProxyHarness.StartAsync(null);
        await harness.Proxy.AttachAsync(new StdioUpstream(backend), Token);
        using var http = new HttpClient { BaseAddress = harness.Proxy.BaseUrl };
        using var leave = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var request = ModernWire.Request("tools/call", new JsonObject { ["name"] = "sleep", ["arguments"] = new JsonObject { ["milliseconds"] = 600_000 } }, sse: true);

        var call = http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, leave.Token);
        var sent = JsonNode.Parse(await backend.NextLineAsync(l => l.Contains("\"tools/call\"", StringComparison.Ordinal), Token).WaitAsync(s_wait, Token))!;
        using (var response = await call.WaitAsync(s_wait, Token))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await leave.CancelAsync();
        var cancelled = JsonNode.Parse(await backend.NextLineAsync(l => l.Contains("notifications/cancelled", StringComparison.Ordinal), Token).WaitAsync(s_wait, Token))!;

        Assert.Equal(sent["id"]!.ToJsonString(), cancelled["params"]!["requestId"]!.ToJsonString());
        Assert.DoesNotContain("io.modelcontextprotocol/protocolVersion", sent.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Listen_IsAcknowledgedFirst_ThenCarriesTaggedListChanges()
    {
        await using var harness = await ProxyHarness.StartAsync(() => TestServers.StartEverything());
        using var http = new HttpClient { BaseAddress = harness.Proxy.BaseUrl, Timeout = Timeout.InfiniteTimeSpan };
        var parameters = new JsonObject { ["notifications"] = new JsonObject { ["toolsListChanged"] = true, ["promptsListChanged"] = true } };
        using var response = await http.SendAsync(
            ModernWire.Request("subscriptions/listen", parameters, id: "listen-1", sse: true), HttpCompletionOption.ResponseHeadersRead, Token);
        await using var events = new SseMessages(await response.Content.ReadAsStreamAsync(Token));

        var acknowledged = await events.NextAsync(Token).WaitAsync(s_wait, Token);
        Assert.True(harness.Proxy.SetTools(ToolFilterRules.Validate(["echo"], null)));
        var changed = await events.NextAsync(Token).WaitAsync(s_wait, Token);

        Assert.Equal("notifications/subscriptions/acknowledged", acknowledged["method"]?.GetValue<string>());
        Assert.Equal("listen-1", acknowledged["params"]!["_meta"]!["io.modelcontextprotocol/subscriptionId"]!.GetValue<string>());
        Assert.True(acknowledged["params"]!["notifications"]!["toolsListChanged"]!.GetValue<bool>());
        Assert.Equal("notifications/tools/list_changed", changed["method"]?.GetValue<string>());
        Assert.Equal("listen-1", changed["params"]!["_meta"]!["io.modelcontextprotocol/subscriptionId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Listen_ForAResource_SubscribesUpstream_AndCarriesItsUpdates()
    {
        await using var harness = await ProxyHarness.StartAsync(() => TestServers.StartEverything());
        using var http = new HttpClient { BaseAddress = harness.Proxy.BaseUrl, Timeout = Timeout.InfiniteTimeSpan };
        var wire = new ModernWire(http);
        var uri = (await wire.CallAsync("resources/list")).Result!["resources"]![0]!["uri"]!.GetValue<string>();
        var parameters = new JsonObject { ["notifications"] = new JsonObject { ["resourceSubscriptions"] = new JsonArray(uri) } };
        using var response = await http.SendAsync(
            ModernWire.Request("subscriptions/listen", parameters, id: 9, sse: true), HttpCompletionOption.ResponseHeadersRead, Token);
        await using var events = new SseMessages(await response.Content.ReadAsStreamAsync(Token));
        var acknowledged = await events.NextAsync(Token).WaitAsync(s_wait, Token);
        Assert.Equal(uri, acknowledged["params"]!["notifications"]!["resourceSubscriptions"]![0]!.GetValue<string>());

        // The everything server sends updates of subscribed resources every few seconds once this is on.
        var toggled = await wire.CallAsync("tools/call", new JsonObject { ["name"] = "toggle-subscriber-updates", ["arguments"] = new JsonObject() });
        Assert.Equal("complete", toggled.Result!["resultType"]?.GetValue<string>());
        var updated = await events.NextAsync(Token).WaitAsync(s_wait, Token);

        Assert.Equal("notifications/resources/updated", updated["method"]?.GetValue<string>());
        Assert.Equal(uri, updated["params"]!["uri"]!.GetValue<string>());
        Assert.Equal(9, updated["params"]!["_meta"]!["io.modelcontextprotocol/subscriptionId"]!.GetValue<int>());
    }

    [Fact]
    public async Task Listen_WhenTheEndpointStops_EndsWithTheListenRequestsResult()
    {
        var harness = await ProxyHarness.StartAsync(() => TestServers.StartEverything());
        try
        {
            using var http = new HttpClient { BaseAddress = harness.Proxy.BaseUrl, Timeout = Timeout.InfiniteTimeSpan };
            var parameters = new JsonObject { ["notifications"] = new JsonObject { ["toolsListChanged"] = true } };
            using var response = await http.SendAsync(
                ModernWire.Request("subscriptions/listen", parameters, id: "l-2", sse: true), HttpCompletionOption.ResponseHeadersRead, Token);
            await using var events = new SseMessages(await response.Content.ReadAsStreamAsync(Token));
            await events.NextAsync(Token).WaitAsync(s_wait, Token);

            var stopping = harness.Proxy.StopAsync(Token);

            // The everything server adds tools once its client is initialized, so a tools/list_changed (which this
            // stream asked for) may come first; the closing answer is the first message with an id.
            var closing = await events.NextAsync(Token).WaitAsync(s_wait, Token);
            while (closing["id"] is null && closing["method"]?.GetValue<string>() == "notifications/tools/list_changed")
            {
                closing = await events.NextAsync(Token).WaitAsync(s_wait, Token);
            }

            await stopping.WaitAsync(s_wait, Token);

            Assert.Equal("l-2", closing["id"]?.GetValue<string>());
            Assert.Equal("complete", closing["result"]?["resultType"]?.GetValue<string>());
            Assert.Equal("l-2", closing["result"]?["_meta"]?["io.modelcontextprotocol/subscriptionId"]?.GetValue<string>());
        }
        finally
        {
            await harness.DisposeAsync();
        }
    }

    [Fact]
    public async Task Listen_WithAMalformedFilter_Is400InvalidParams()
    {
        await using var harness = await ProxyHarness.StartAsync(() => TestServers.StartEverything());
        using var http = new HttpClient { BaseAddress = harness.Proxy.BaseUrl };
        var parameters = new JsonObject { ["notifications"] = new JsonObject { ["resourceSubscriptions"] = "demo://not-an-array" } };

        var answer = await new ModernWire(http).CallAsync("subscriptions/listen", parameters, sse: true);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal(-32602, answer.ErrorCode);
    }
}
