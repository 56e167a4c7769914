using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ModelContextProtocol.Client;
using Toolshed.EndToEnd.Tests.Lifecycle;
using Toolshed.EndToEnd.Tests.Servers;
using Toolshed.Testing;

namespace Toolshed.EndToEnd.Tests.Security;

/// <summary>
/// sse and streamable-http workloads created with a Cedar policy through the API: the proxy enforces it and audits
/// every call over both of its transports, the server's own one included.
/// </summary>
public sealed class HttpWorkloadAuthorizationTests(ServersApiFixture fixture) : IClassFixture<ServersApiFixture>
{
    private const string EchoOnlyConfig = """
        {"version":"1.0","type":"cedarv1","cedar":{"policies":[
          "permit(principal, action == Action::\"call_tool\", resource == Tool::\"echo\");",
          "permit(principal, action == Action::\"list_tools\", resource);"
        ],"entities_json":"[]"}}
        """;

    private static readonly HttpTransportMode[] s_clientModes = [HttpTransportMode.StreamableHttp, HttpTransportMode.Sse];

    [Theory]
    [InlineData("streamable-http", "streamableHttp")]
    [InlineData("sse", "sse")]
    public async Task Create_HttpServerWithPolicy_EnforcedAndAuditedOverMcpAndSse(string transport, string serverArgument)
    {
        var ct = TestContext.Current.CancellationToken;
        var name = ServersApiFixture.UniqueName("authz-" + serverArgument.ToLowerInvariant());
        var created = await fixture.Api.PostAsJsonAsync(
            "api/v1beta/servers",
            new { image = TestImages.Everything, name, transport, target_port = 3001, cmd_arguments = new[] { serverArgument }, authz_config = EchoOnlyConfig },
            ct);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>(ct);
        Assert.True(created.StatusCode == HttpStatusCode.Created, body.ToString());
        var port = body.GetProperty("port").GetInt32();

        foreach (var mode in s_clientModes)
        {
            // The server needs a moment to listen after its container starts; until then calls fail.
            await using var client = await Eventually.GetAsync(
                async () =>
                {
                    var connected = await McpProbe.ConnectAsync(port, mode);
                    try
                    {
                        await connected.ListToolsAsync(cancellationToken: ct);
                        return connected;
                    }
                    catch
                    {
                        await connected.DisposeAsync();
                        throw;
                    }
                },
                TimeSpan.FromSeconds(60),
                $"the {transport} server answers over {mode} through port {port}");

            var tools = await client.ListToolsAsync(cancellationToken: ct);
            Assert.Equal(["echo"], tools.Select(t => t.Name));
            Assert.Contains($"allowed over {mode}", await McpProbe.EchoAsync(client, $"allowed over {mode}"), StringComparison.Ordinal);

            // A denied call is HTTP 403 with a JSON-RPC error naming the denied action, on either transport.
            using var denied = await CallToolByHandAsync(port, mode, "get-sum");
            Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
            var error = (await denied.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("error");
            Assert.Equal(-32003, error.GetProperty("code").GetInt32());
            Assert.Contains("call_tool on 'get-sum'", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        }

        var audit = await fixture.Api.GetStringAsync($"api/v1beta/servers/{name}/audit", ct);
        var lines = audit.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var allowed = lines.Where(l => IsCallOf(l, "echo")).ToList();
        Assert.Equal(2, allowed.Count);
        Assert.All(allowed, l => Assert.Equal(("allow", "success"), (l.GetProperty("decision").GetString(), l.GetProperty("outcome").GetString())));
        var refused = lines.Where(l => IsCallOf(l, "get-sum")).ToList();
        Assert.Equal(2, refused.Count);
        Assert.All(refused, l => Assert.Equal(("deny", "denied"), (l.GetProperty("decision").GetString(), l.GetProperty("outcome").GetString())));
        Assert.All(lines, l => Assert.Equal(name, l.GetProperty("workload").GetString()));
    }

    private static bool IsCallOf(JsonElement line, string tool) =>
        line.GetProperty("method").GetString() == "tools/call" && line.GetProperty("name").GetString() == tool;

    /// <summary>A tools/call sent by hand, so the test reads the HTTP status the SDK client would turn into an exception.</summary>
    private static async Task<HttpResponseMessage> CallToolByHandAsync(int port, HttpTransportMode mode, string tool)
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        var call = JsonContent.Create(new { jsonrpc = "2.0", id = 7, method = "tools/call", @params = new { name = tool, arguments = new { a = 1, b = 2 } } });
        if (mode == HttpTransportMode.StreamableHttp)
        {
            using var initialize = new HttpRequestMessage(HttpMethod.Post, "mcp")
            {
                Content = JsonContent.Create(new
                {
                    jsonrpc = "2.0", id = 1, method = "initialize",
                    @params = new { protocolVersion = "2025-06-18", capabilities = new { }, clientInfo = new { name = "t", version = "1" } },
                }),
            };
            initialize.Headers.Accept.ParseAdd("application/json, text/event-stream");
            using var initialized = await http.SendAsync(initialize, ct);
            Assert.Equal(HttpStatusCode.OK, initialized.StatusCode);

            using var post = new HttpRequestMessage(HttpMethod.Post, "mcp") { Content = call };
            post.Headers.Accept.ParseAdd("application/json, text/event-stream");
            post.Headers.Add("Mcp-Session-Id", initialized.Headers.GetValues("Mcp-Session-Id").Single());
            post.Headers.Add("MCP-Protocol-Version", "2025-06-18");
            return await http.SendAsync(post, ct);
        }

        using var stream = await http.GetAsync("sse", HttpCompletionOption.ResponseHeadersRead, ct);
        using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync(ct));
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                return await http.PostAsync(line["data: ".Length..].TrimStart('/'), call, ct);
            }
        }

        throw new InvalidOperationException("The SSE stream ended before announcing its message endpoint.");
    }
}
