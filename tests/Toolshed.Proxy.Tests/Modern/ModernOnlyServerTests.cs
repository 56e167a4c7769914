using System.Net;
using System.Text.Json.Nodes;
using Toolshed.Proxy.Tests.Support;

namespace Toolshed.Proxy.Tests.Modern;

/// <summary>
/// A server that speaks only 2026-07-28 (it refuses initialize) behind the stdio bridge: found by server/discover,
/// its requests passed through for 2026-07-28 clients (their own _meta, its own multi round-trips), and 2025 sessions
/// still served, each request carrying what the session declared.
/// </summary>
public sealed class ModernOnlyServerTests
{
    [Fact]
    public async Task ModernClient_IsPassedThrough_WithItsOwnMetaAndTheServersOwnRoundTrip()
    {
        await using var harness = await ProxyHarness.StartAsync(TestServers.StartModernOnly);
        using var http = new HttpClient { BaseAddress = harness.Proxy.BaseUrl };
        var wire = new ModernWire(http);
        var capabilities = new JsonObject { ["elicitation"] = new JsonObject(), ["x-test"] = new JsonObject { ["mark"] = "modern-client" } };

        var discover = await wire.CallAsync("server/discover");
        var echo = await wire.CallAsync("tools/call", new JsonObject { ["name"] = "echo", ["arguments"] = new JsonObject { ["message"] = "hi" } }, meta: ModernWire.Meta(capabilities));
        var greet = new JsonObject { ["name"] = "greet", ["arguments"] = new JsonObject() };
        var asked = await wire.CallAsync("tools/call", (JsonObject)greet.DeepClone(), id: 3, meta: ModernWire.Meta(capabilities));
        var retry = (JsonObject)greet.DeepClone();
        retry["requestState"] = asked.Result!["requestState"]!.GetValue<string>();
        retry["inputResponses"] = new JsonObject { ["who"] = new JsonObject { ["action"] = "accept", ["content"] = new JsonObject { ["name"] = "Ada" } } };
        var greeted = await wire.CallAsync("tools/call", retry, id: 4, meta: ModernWire.Meta(capabilities));

        Assert.Equal("modern-only-test-server", discover.Result!["_meta"]!["io.modelcontextprotocol/serverInfo"]!["name"]!.GetValue<string>());
        var text = echo.Result!["content"]![0]!["text"]!.GetValue<string>();
        Assert.Contains("hi | version 2026-07-28", text, StringComparison.Ordinal);
        Assert.Contains("modern-client", text, StringComparison.Ordinal); // the client's own capabilities reached the server
        Assert.Equal("input_required", asked.Result["resultType"]!.GetValue<string>());
        Assert.Equal("greet-1", asked.Result["requestState"]!.GetValue<string>()); // the server's own state, untouched
        Assert.Equal("Hello, Ada!", greeted.Result!["content"]![0]!["text"]!.GetValue<string>());
        Assert.Equal(4, greeted.Last["id"]!.GetValue<int>());
        Assert.Equal("2026-07-28", harness.Proxy.ServerProtocolVersion);
    }

    [Fact]
    public async Task LegacySession_IsServed_EachRequestCarryingWhatItsInitializeDeclared()
    {
        await using var harness = await ProxyHarness.StartAsync(TestServers.StartModernOnly);
        using var http = new HttpClient { BaseAddress = harness.Proxy.BaseUrl };
        using var initialized = await RawMcpCalls.PostAsync(http, "mcp", session: null, """
            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{"x-test":{"mark":"legacy-session"}},"clientInfo":{"name":"t","version":"1"}}}
            """);
        var session = initialized.Headers.GetValues("Mcp-Session-Id").Single();
        var initializeAnswer = JsonNode.Parse(await initialized.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;

        var echo = await LegacyCallAsync(http, session, """{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"echo","arguments":{"message":"hello"}}}""");
        var greet = await LegacyCallAsync(http, session, """{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"greet","arguments":{}}}""");
        var subscribe = await LegacyCallAsync(http, session, """{"jsonrpc":"2.0","id":4,"method":"resources/subscribe","params":{"uri":"x://y"}}""");

        Assert.Equal(HttpStatusCode.OK, initialized.StatusCode);
        Assert.Equal("2025-11-25", initializeAnswer["result"]!["protocolVersion"]!.GetValue<string>());
        Assert.Equal("modern-only-test-server", initializeAnswer["result"]!["serverInfo"]!["name"]!.GetValue<string>());
        var text = echo["result"]!["content"]![0]!["text"]!.GetValue<string>();
        Assert.Contains("hello | version 2026-07-28", text, StringComparison.Ordinal);
        Assert.Contains("legacy-session", text, StringComparison.Ordinal);
        // What a 2025 session cannot do with such a server is said plainly, not half done.
        Assert.Equal(-32021, greet["error"]!["code"]!.GetValue<int>());
        Assert.Equal(-32601, subscribe["error"]!["code"]!.GetValue<int>());
        Assert.Contains("2026-07-28", subscribe["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LegacySession_ServerAsksForInput_IsAPlainErrorNamingWhatIsNeeded()
    {
        await using var harness = await ProxyHarness.StartAsync(TestServers.StartModernOnly);
        using var http = new HttpClient { BaseAddress = harness.Proxy.BaseUrl };
        using var initialized = await RawMcpCalls.PostAsync(
            http,
            "mcp",
            session: null,
            """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{"elicitation":{}},"clientInfo":{"name":"t","version":"1"}}}""");
        var session = initialized.Headers.GetValues("Mcp-Session-Id").Single();

        var greet = await LegacyCallAsync(http, session, """{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"greet","arguments":{}}}""");

        Assert.Equal(2, greet["id"]!.GetValue<int>());
        Assert.Equal(-32603, greet["error"]!["code"]!.GetValue<int>());
        Assert.Contains("elicitation/create", greet["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("2026-07-28 client", greet["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private static async Task<JsonNode> LegacyCallAsync(HttpClient http, string session, string body)
    {
        using var response = await RawMcpCalls.PostAsync(http, "mcp", session, body);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var data = text.StartsWith('{') ? text : text.Split('\n').Last(l => l.StartsWith("data: ", StringComparison.Ordinal))["data: ".Length..];
        return JsonNode.Parse(data)!;
    }
}
