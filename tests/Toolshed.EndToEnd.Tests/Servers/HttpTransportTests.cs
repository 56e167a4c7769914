using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ModelContextProtocol.Client;
using Toolshed.EndToEnd.Tests.Lifecycle;
using Toolshed.Testing;

namespace Toolshed.EndToEnd.Tests.Servers;

/// <summary>Servers that speak HTTP themselves (sse, streamable-http) are published on loopback, forwarded on their own
/// transport (each caller its own session with the server, every request audited) and bridged to the other one.</summary>
public sealed class HttpTransportTests(ServersApiFixture fixture) : IClassFixture<ServersApiFixture>
{
    [Theory]
    [InlineData("streamable-http", "streamableHttp", HttpTransportMode.StreamableHttp)]
    [InlineData("sse", "sse", HttpTransportMode.Sse)]
    public async Task Create_HttpServer_AnswersThroughTheProxy(string transport, string serverArgument, HttpTransportMode mode)
    {
        var ct = TestContext.Current.CancellationToken;
        var name = ServersApiFixture.UniqueName(serverArgument.ToLowerInvariant());

        var created = await fixture.Api.PostAsJsonAsync(
            "api/v1beta/servers",
            new { image = TestImages.Everything, name, transport, target_port = 3001, cmd_arguments = new[] { serverArgument } },
            ct);

        var body = await created.Content.ReadFromJsonAsync<JsonElement>(ct);
        Assert.True(created.StatusCode == HttpStatusCode.Created, body.ToString());
        var port = body.GetProperty("port").GetInt32();
        var info = await fixture.Api.GetFromJsonAsync<JsonElement>($"api/v1beta/servers/{name}", ct);
        Assert.Equal(transport, info.GetProperty("labels").GetProperty("toolshed.transport").GetString());
        Assert.Equal(3001, info.GetProperty("ports")[0].GetProperty("containerPort").GetInt32());

        // The server needs a moment to listen after its container starts; until then the proxy answers 502.
        var echoed = await Eventually.GetAsync(
            async () =>
            {
                await using var client = await McpProbe.ConnectAsync(port, mode);
                return await McpProbe.EchoAsync(client, $"over {transport}");
            },
            TimeSpan.FromSeconds(60),
            $"the {transport} server answers through port {port}");
        Assert.Contains($"over {transport}", echoed, StringComparison.Ordinal);

        // The other transport is served too, bridged by the proxy.
        var other = mode == HttpTransportMode.Sse ? HttpTransportMode.StreamableHttp : HttpTransportMode.Sse;
        var bridged = await Eventually.GetAsync(
            async () =>
            {
                await using var client = await McpProbe.ConnectAsync(port, other);
                return await McpProbe.EchoAsync(client, $"bridged to {other}");
            },
            TimeSpan.FromSeconds(60),
            $"the {transport} server answers over {other} through port {port}");
        Assert.Contains($"bridged to {other}", bridged, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("streamable-http", "streamableHttp")]
    [InlineData("sse", "sse")]
    public async Task Create_HttpServerWithoutPolicy_ItsTransportIsForwardedPerCallerAndAudited(string transport, string serverArgument)
    {
        var ct = TestContext.Current.CancellationToken;
        var name = ServersApiFixture.UniqueName("fwd-" + serverArgument.ToLowerInvariant());
        var mode = transport == "sse" ? HttpTransportMode.Sse : HttpTransportMode.StreamableHttp;
        var created = await fixture.Api.PostAsJsonAsync(
            "api/v1beta/servers",
            new { image = TestImages.Everything, name, transport, target_port = 3001, cmd_arguments = new[] { serverArgument } },
            ct);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>(ct);
        Assert.True(created.StatusCode == HttpStatusCode.Created, body.ToString());
        var port = body.GetProperty("port").GetInt32();
        var echoed = await Eventually.GetAsync(
            async () =>
            {
                // A 2025-11-25 session is forwarded as is (a 2026-07-28 client would be served by the bridge).
                await using var client = await McpProbe.ConnectAsync(port, mode, options: McpProbe.Legacy());
                return await McpProbe.EchoAsync(client, "forwarded and audited");
            },
            TimeSpan.FromSeconds(60),
            $"the {transport} server answers through port {port}");
        Assert.Contains("forwarded and audited", echoed, StringComparison.Ordinal);

        // Two callers, two sessions of the server's own: the server knows each when asked directly on its published port.
        var container = Assert.Single(await fixture.OwnContainersAsync(name));
        var serverPort = container.Ports.First(p => p.ContainerPort == 3001 && p.HostPort > 0).HostPort;
        using var viaProxy = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        using var direct = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{serverPort}/") };
        if (mode == HttpTransportMode.StreamableHttp)
        {
            var first = await InitializeAsync(viaProxy);
            var second = await InitializeAsync(viaProxy);
            Assert.NotEqual(first, second);
            foreach (var session in new[] { first, second })
            {
                using var ping = await PostAsync(direct, "mcp", session, """{"jsonrpc":"2.0","id":3,"method":"ping"}""");
                Assert.Equal(HttpStatusCode.OK, ping.StatusCode);
            }
        }
        else
        {
            using var first = await viaProxy.GetAsync("sse", HttpCompletionOption.ResponseHeadersRead, ct);
            using var second = await viaProxy.GetAsync("sse", HttpCompletionOption.ResponseHeadersRead, ct);
            using var firstEvents = new StreamReader(await first.Content.ReadAsStreamAsync(ct));
            using var secondEvents = new StreamReader(await second.Content.ReadAsStreamAsync(ct));
            var endpoint = await NextDataAsync(firstEvents, _ => true);
            Assert.StartsWith("/message?sessionId=", endpoint, StringComparison.Ordinal);
            Assert.NotEqual(endpoint, await NextDataAsync(secondEvents, _ => true));

            using var posted = await PostAsync(direct, endpoint.TrimStart('/'), session: null, """{"jsonrpc":"2.0","id":31,"method":"ping"}""");
            Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
            Assert.Contains("\"result\"", await NextDataAsync(firstEvents, d => d.Contains("\"id\":31", StringComparison.Ordinal)), StringComparison.Ordinal);
        }

        var audit = await fixture.Api.GetStringAsync($"api/v1beta/servers/{name}/audit", ct);
        var lines = audit.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var echo = Assert.Single(lines, l => l.GetProperty("method").GetString() == "tools/call" && l.GetProperty("outcome").GetString() == "success");
        Assert.Equal("echo", echo.GetProperty("name").GetString());
        Assert.Equal("none", echo.GetProperty("decision").GetString());
        Assert.Equal(mode == HttpTransportMode.Sse ? 202 : 200, echo.GetProperty("http_status").GetInt32());
        Assert.Equal(name, echo.GetProperty("workload").GetString());
    }

    private static async Task<string> InitializeAsync(HttpClient http)
    {
        using var initialized = await PostAsync(
            http,
            "mcp",
            session: null,
            """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}""");
        Assert.Equal(HttpStatusCode.OK, initialized.StatusCode);
        return initialized.Headers.GetValues("Mcp-Session-Id").Single();
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, string path, string? session, string json)
    {
        using var post = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        post.Headers.Accept.ParseAdd("application/json, text/event-stream");
        if (session is not null)
        {
            post.Headers.Add("Mcp-Session-Id", session);
            post.Headers.Add("MCP-Protocol-Version", "2025-06-18");
        }

        return await http.SendAsync(post, TestContext.Current.CancellationToken);
    }

    /// <summary>The data of the next SSE event that <paramref name="matches"/>.</summary>
    private static async Task<string> NextDataAsync(StreamReader events, Func<string, bool> matches)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        while (await events.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal) && matches(line["data: ".Length..]))
            {
                return line["data: ".Length..];
            }
        }

        throw new InvalidOperationException("The SSE stream ended.");
    }
}
