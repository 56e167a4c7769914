using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using static Toolshed.EndToEnd.Tests.Protocol.EraWorkloads;

namespace Toolshed.EndToEnd.Tests.Protocol;

/// <summary>
/// The C# SDK client in each era (probing, pinned to 2026-07-28, pinned to 2025-11-25) against a 2025-era server run as
/// a stdio workload and as a forwarded Streamable HTTP one: answered alike, and in the era it chose, as the workload's
/// audit log proves (a modern client never initializes; on the HTTP workload its calls go through the proxy's
/// translation, not the server's own transport).
/// </summary>
[Collection(ProtocolCollection.Name)]
public sealed class BothErasTests(EraWorkloads workloads)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(Stdio, ClientEra.Probing)]
    [InlineData(Stdio, ClientEra.Modern)]
    [InlineData(Stdio, ClientEra.Legacy)]
    [InlineData(Http, ClientEra.Probing)]
    [InlineData(Http, ClientEra.Modern)]
    [InlineData(Http, ClientEra.Legacy)]
    public async Task CSharpClient_EchoAndGetSum_AnsweredInTheEraItChose(string workload, ClientEra era)
    {
        var mark = await workloads.MarkAuditAsync(workload);

        await using (var client = await EraClient.ConnectAsync(workloads.McpUrl(workload), era))
        {
            Assert.Equal(EraClient.VersionOf(era), client.NegotiatedProtocolVersion);
            Assert.Equal("mcp-servers/everything", client.ServerInfo?.Name);
            Assert.Equal($"Echo: {era} over {workload}", await EraClient.CallTextAsync(client, "echo", ("message", $"{era} over {workload}")));
            Assert.Equal("The sum of 2 and 40 is 42.", await EraClient.CallTextAsync(client, "get-sum", ("a", 2), ("b", 40)));
        }

        var handshake = era == ClientEra.Legacy ? "initialize" : "server/discover";
        var lines = await workloads.AuditSinceAsync(mark, (handshake, null), ("tools/call", "echo"), ("tools/call", "get-sum"));
        var methods = lines.Select(AuditLine.Method).ToList();
        Assert.DoesNotContain(era == ClientEra.Legacy ? "server/discover" : "initialize", methods);
        var calls = lines.Where(l => AuditLine.Is(l, "tools/call")).ToList();
        Assert.True(calls.Count == 2, AuditLine.Describe(lines));
        Assert.All(calls, call => Assert.Equal("success", AuditLine.Outcome(call)));
        Assert.All(lines, line => Assert.Equal(EraClient.VersionOf(era), AuditLine.Protocol(line)));
        if (workload == Http)
        {
            // A 2025 session is forwarded to the server's own transport (its answer's status is on the line); a
            // 2026-07-28 request cannot be, the server being 2025-era: the proxy's bridge translates it (no status).
            Assert.All(calls, call => Assert.Equal(era == ClientEra.Legacy ? 200 : null, AuditLine.HttpStatus(call)));
        }
    }

    [Theory]
    [InlineData(Stdio)]
    [InlineData(Http)]
    public async Task RawServerDiscover_BesideA2025Initialize_EachAnsweredInItsOwnEra(string workload)
    {
        using var http = new HttpClient();

        using var discover = await PostAsync(http, workload, "server/discover", EraClient.Modern, """
            {"jsonrpc":"2.0","id":"discover-1","method":"server/discover","params":{"_meta":{
              "io.modelcontextprotocol/protocolVersion":"2026-07-28",
              "io.modelcontextprotocol/clientInfo":{"name":"toolshed-e2e","version":"1.0.0"},
              "io.modelcontextprotocol/clientCapabilities":{}}}}
            """);
        var discovered = await BodyAsync(discover);
        Assert.True(discover.StatusCode == HttpStatusCode.OK, discovered.ToString());
        Assert.False(discover.Headers.Contains("Mcp-Session-Id"), "a 2026-07-28 answer carries no session");
        Assert.Equal("discover-1", discovered.GetProperty("id").GetString());
        var result = discovered.GetProperty("result");
        Assert.Equal("complete", result.GetProperty("resultType").GetString());
        Assert.Contains(EraClient.Modern, result.GetProperty("supportedVersions").EnumerateArray().Select(v => v.GetString()));
        Assert.True(result.GetProperty("capabilities").TryGetProperty("tools", out _), result.ToString());
        Assert.Equal(
            "mcp-servers/everything",
            result.GetProperty("_meta").GetProperty("io.modelcontextprotocol/serverInfo").GetProperty("name").GetString());

        using var initialize = await PostAsync(http, workload, "initialize", protocolVersion: null, """
            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},
              "clientInfo":{"name":"toolshed-e2e","version":"1.0.0"}}}
            """);
        var initialized = await BodyAsync(initialize);
        Assert.True(initialize.StatusCode == HttpStatusCode.OK, initialized.ToString());
        Assert.NotEmpty(initialize.Headers.GetValues("Mcp-Session-Id").Single());
        Assert.Equal(EraClient.Legacy, initialized.GetProperty("result").GetProperty("protocolVersion").GetString());
        Assert.False(initialized.GetProperty("result").TryGetProperty("resultType", out _), "a 2025-era answer is not translated");
    }

    private async Task<HttpResponseMessage> PostAsync(HttpClient http, string workload, string method, string? protocolVersion, string json)
    {
        using var post = new HttpRequestMessage(HttpMethod.Post, workloads.McpUrl(workload))
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        post.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        post.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (protocolVersion is not null)
        {
            post.Headers.Add("MCP-Protocol-Version", protocolVersion);
            post.Headers.Add("Mcp-Method", method);
        }

        return await http.SendAsync(post, Token);
    }

    /// <summary>The one JSON-RPC message of an answer, sent as JSON or as the data of an SSE event.</summary>
    private static async Task<JsonElement> BodyAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(Token);
        if (response.Content.Headers.ContentType?.MediaType == "text/event-stream")
        {
            text = text.Split('\n').Last(l => l.StartsWith("data: ", StringComparison.Ordinal))["data: ".Length..];
        }

        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
