using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Toolshed.Proxy.Tests.Support;

namespace Toolshed.Proxy.Tests.Modern;

/// <summary>
/// Every header and envelope rule of 2026-07-28 on /mcp, by hand-written requests to the stdio bridge in front of the
/// (2025-era) everything server: the happy path, then each refusal with the status and JSON-RPC code the specification
/// gives it.
/// </summary>
public sealed class ModernEnvelopeTests(EverythingProxyFixture fixture) : IClassFixture<EverythingProxyFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private ModernWire Wire => new(fixture.Http);

    [Fact]
    public async Task Discover_AnswersFromTheServersInitialize_WithEveryServedRevision()
    {
        var answer = await Wire.CallAsync("server/discover", id: "d-1");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("d-1", answer.Last["id"]?.GetValue<string>());
        var result = answer.Result!;
        Assert.Equal("complete", result["resultType"]?.GetValue<string>());
        Assert.Equal(["2026-07-28", "2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05"], result["supportedVersions"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.NotNull(result["capabilities"]?["tools"]);
        Assert.Null(result["capabilities"]?["tasks"]);
        Assert.False(string.IsNullOrEmpty(result["_meta"]?["io.modelcontextprotocol/serverInfo"]?["name"]?.GetValue<string>()));
        Assert.True(result["ttlMs"]!.GetValue<int>() >= 0);
        Assert.Equal("public", result["cacheScope"]?.GetValue<string>());
    }

    [Fact]
    public async Task ToolsList_IsCompletedWithResultTypeCachingHintsAndServerInfo()
    {
        var answer = await Wire.CallAsync("tools/list");

        var result = answer.Result!;
        Assert.Contains(result["tools"]!.AsArray(), t => t!["name"]?.GetValue<string>() == "echo");
        Assert.Equal("complete", result["resultType"]?.GetValue<string>());
        Assert.Equal(60_000, result["ttlMs"]!.GetValue<int>());
        Assert.Equal("public", result["cacheScope"]?.GetValue<string>());
        Assert.NotNull(result["_meta"]?["io.modelcontextprotocol/serverInfo"]);
    }

    [Fact]
    public async Task ToolsCall_WithBase64Name_IsServed()
    {
        var request = ModernWire.Request("tools/call", Echo("bonjour"));
        request.Headers.Remove("Mcp-Name");
        request.Headers.TryAddWithoutValidation("Mcp-Name", "=?base64?" + Convert.ToBase64String(Encoding.UTF8.GetBytes("echo")) + "?=");

        var answer = await Wire.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Contains("bonjour", answer.Result!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("complete", answer.Result["resultType"]?.GetValue<string>());
        Assert.Null(answer.Result["ttlMs"]);
    }

    [Fact]
    public async Task ToolsCall_OverSse_EndsWithTheCompletedResult()
    {
        var answer = await Wire.CallAsync("tools/call", Echo("streamed"), sse: true);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Contains("streamed", answer.Result!.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("missing-method", 400, -32020)]
    [InlineData("wrong-method", 400, -32020)]
    [InlineData("missing-name", 400, -32020)]
    [InlineData("wrong-name", 400, -32020)]
    [InlineData("broken-base64-name", 400, -32020)]
    [InlineData("bad-param-header", 400, -32020)]
    [InlineData("meta-version-differs", 400, -32020)]
    [InlineData("no-meta", 400, -32602)]
    [InlineData("no-capabilities", 400, -32602)]
    [InlineData("bad-log-level", 400, -32602)]
    [InlineData("no-tool-name", 400, -32602)]
    public async Task MalformedRequest_IsRefusedWithTheSpecsStatusAndCode(string breakage, int status, int code)
    {
        var parameters = Echo("x");
        var request = ModernWire.Request("tools/call", parameters);
        Break(request, breakage);

        var answer = await Wire.SendAsync(request);

        Assert.Equal((HttpStatusCode)status, answer.Status);
        Assert.Equal(code, answer.ErrorCode);
        Assert.Equal(1, answer.Last["id"]?.GetValue<int>());
        Assert.False(string.IsNullOrWhiteSpace(answer.Last["error"]?["message"]?.GetValue<string>()));
    }

    [Fact]
    public async Task UnknownProtocolVersionHeader_Is400UnsupportedProtocolVersion_ListingWhatIsServed()
    {
        var request = ModernWire.Request("tools/list", meta: ModernWire.Meta(version: "2099-01-01"));
        request.Headers.Remove("MCP-Protocol-Version");
        request.Headers.TryAddWithoutValidation("MCP-Protocol-Version", "2099-01-01");

        var answer = await Wire.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal(-32022, answer.ErrorCode);
        var data = answer.Last["error"]!["data"]!;
        Assert.Equal("2099-01-01", data["requested"]?.GetValue<string>());
        Assert.Contains("2026-07-28", data["supported"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Contains("2025-11-25", data["supported"]!.AsArray().Select(v => v!.GetValue<string>()));
    }

    [Fact]
    public async Task ModernMetaWithoutTheVersionHeader_Is400HeaderMismatch()
    {
        var request = ModernWire.Request("tools/list");
        request.Headers.Remove("MCP-Protocol-Version");

        var answer = await Wire.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal(-32020, answer.ErrorCode);
    }

    [Fact]
    public async Task Legacy2025Header_OutranksStrayMetaKeys_AndWantsASession()
    {
        var request = ModernWire.Request("tools/list");
        request.Headers.Remove("MCP-Protocol-Version");
        request.Headers.TryAddWithoutValidation("MCP-Protocol-Version", "2025-11-25");

        var answer = await Wire.SendAsync(request);

        // Served as a 2025-era request: without its session it is the 2025 transport's 400, not a modern answer.
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal(-32600, answer.ErrorCode);
        Assert.Contains("Mcp-Session-Id", answer.Last["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BatchWithAModernRequest_Is400InvalidRequest()
    {
        var one = ModernWire.Request("tools/list");
        var body = await one.Content!.ReadAsStringAsync(Token);
        one.Content = new StringContent("[" + body + "," + body.Replace("\"id\":1", "\"id\":2", StringComparison.Ordinal) + "]", Encoding.UTF8, "application/json");

        var answer = await Wire.SendAsync(one);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal(-32600, answer.ErrorCode);
    }

    [Fact]
    public async Task WrongContentType_Is415()
    {
        var request = ModernWire.Request("tools/list");
        var body = await request.Content!.ReadAsStringAsync(Token);
        request.Content = new StringContent(body, Encoding.UTF8, "text/plain");

        var answer = await Wire.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, answer.Status);
    }

    [Theory]
    [InlineData("ping")]
    [InlineData("logging/setLevel")]
    [InlineData("resources/subscribe")]
    [InlineData("resources/unsubscribe")]
    [InlineData("tasks/get")]
    public async Task RemovedMethod_Is404MethodNotFound_SayingWhatReplacedIt(string method)
    {
        var answer = await Wire.CallAsync(method, method.StartsWith("resources/", StringComparison.Ordinal) ? new JsonObject { ["uri"] = "demo://x" } : null);

        Assert.Equal(HttpStatusCode.NotFound, answer.Status);
        Assert.Equal(-32601, answer.ErrorCode);
    }

    [Fact]
    public async Task MethodTheServerDoesNotHave_Is404WithItsJsonRpcError()
    {
        var answer = await Wire.CallAsync("example/unknown");

        Assert.Equal(HttpStatusCode.NotFound, answer.Status);
        Assert.Equal(-32601, answer.ErrorCode);
    }

    [Fact]
    public async Task ResourceNotFound_IsInvalidParams_NotTheLegacyCode()
    {
        var answer = await Wire.CallAsync("resources/read", new JsonObject { ["uri"] = "demo://resource/static/document/no-such-file.md" });

        Assert.Equal(-32602, answer.ErrorCode);
    }

    [Fact]
    public async Task ClientNotification_Is202()
    {
        var request = ModernWire.Request("notifications/cancelled", new JsonObject { ["requestId"] = 5 });
        var body = JsonNode.Parse(await request.Content!.ReadAsStringAsync(Token))!.AsObject();
        body.Remove("id");
        request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");

        var answer = await Wire.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, answer.Status);
    }

    [Fact]
    public async Task GetWithTheModernHeader_Is405()
    {
        using var get = new HttpRequestMessage(HttpMethod.Get, "mcp");
        get.Headers.Accept.ParseAdd("text/event-stream");
        get.Headers.TryAddWithoutValidation("MCP-Protocol-Version", ModernWire.Version);

        using var answer = await fixture.Http.SendAsync(get, Token);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, answer.StatusCode);
    }

    private static JsonObject Echo(string message) => new() { ["name"] = "echo", ["arguments"] = new JsonObject { ["message"] = message } };

    private static void Break(HttpRequestMessage request, string breakage)
    {
        var body = JsonNode.Parse(request.Content!.ReadAsStringAsync().GetAwaiter().GetResult())!.AsObject();
        var meta = body["params"]!["_meta"]!.AsObject();
        void Header(string name, string? value)
        {
            request.Headers.Remove(name);
            if (value is not null)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        switch (breakage)
        {
            case "missing-method": Header("Mcp-Method", null); break;
            case "wrong-method": Header("Mcp-Method", "tools/list"); break;
            case "missing-name": Header("Mcp-Name", null); break;
            case "wrong-name": Header("Mcp-Name", "get-sum"); break;
            case "broken-base64-name": Header("Mcp-Name", "=?base64?!!!?="); break;
            case "bad-param-header": Header("Mcp-Param-Region", "=?base64?%%?="); break;
            case "meta-version-differs": meta["io.modelcontextprotocol/protocolVersion"] = "2025-11-25"; break;
            case "no-meta": body["params"]!.AsObject().Remove("_meta"); break;
            case "no-capabilities": meta.Remove("io.modelcontextprotocol/clientCapabilities"); break;
            case "bad-log-level": meta["io.modelcontextprotocol/logLevel"] = "loud"; break;
            case "no-tool-name": body["params"]!.AsObject().Remove("name"); break;
        }

        request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
    }
}
