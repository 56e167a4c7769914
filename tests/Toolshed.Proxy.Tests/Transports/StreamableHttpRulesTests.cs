using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Toolshed.Proxy.Tests.Support;

namespace Toolshed.Proxy.Tests.Transports;

/// <summary>The status rules of /mcp, /sse and /messages, by real HTTP requests against the proxy's Kestrel.</summary>
public sealed class StreamableHttpRulesTests
{
    private const string Initialize =
        """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}""";
    private const string ListTools = """{"jsonrpc":"2.0","id":2,"method":"tools/list"}""";
    private const string Initialized = """{"jsonrpc":"2.0","method":"notifications/initialized"}""";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Initialize_NewClient_MintsSessionAndEchoesVersion()
    {
        await using var harness = await ProxyHarness.StartAsync(TestServers.StartCSharpServer);
        using var http = new HttpClient();

        using var response = await PostAsync(http, harness.Proxy, Initialize, sessionId: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sessionId = Assert.Single(response.Headers.GetValues("Mcp-Session-Id"));
        Assert.Equal(32, sessionId.Length);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
        Assert.Equal("2025-06-18", body["result"]!["protocolVersion"]!.GetValue<string>());
        Assert.Equal("toolshed-test-server", body["result"]!["serverInfo"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Post_WithoutSessionHeader_Returns400()
    {
        await using var harness = await ProxyHarness.StartAsync(TestServers.StartCSharpServer);
        using var http = new HttpClient();

        using var response = await PostAsync(http, harness.Proxy, ListTools, sessionId: null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Post_UnknownSession_Returns404()
    {
        await using var harness = await ProxyHarness.StartAsync(TestServers.StartCSharpServer);
        using var http = new HttpClient();

        using var response = await PostAsync(http, harness.Proxy, ListTools, sessionId: "0123456789abcdef0123456789abcdef");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Delete_Session_EndsItSoLaterRequestsGet404()
    {
        await using var harness = await ProxyHarness.StartAsync(TestServers.StartCSharpServer);
        using var http = new HttpClient();
        var sessionId = await InitializeAsync(http, harness.Proxy);

        using var delete = new HttpRequestMessage(HttpMethod.Delete, harness.Proxy.McpUrl);
        delete.Headers.Add("Mcp-Session-Id", sessionId);
        using var deleted = await http.SendAsync(delete, Ct);
        using var after = await PostAsync(http, harness.Proxy, ListTools, sessionId);

        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
    }

    [Fact]
    public async Task Post_Notification_Returns202()
    {
        await using var harness = await ProxyHarness.StartAsync(TestServers.StartCSharpServer);
        using var http = new HttpClient();
        var sessionId = await InitializeAsync(http, harness.Proxy);

        using var response = await PostAsync(http, harness.Proxy, Initialized, sessionId);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task Post_RequestAcceptingOnlyJson_AnswersApplicationJson()
    {
        await using var harness = await ProxyHarness.StartAsync(TestServers.StartCSharpServer);
        using var http = new HttpClient();
        var sessionId = await InitializeAsync(http, harness.Proxy);

        using var response = await PostAsync(http, harness.Proxy, ListTools, sessionId, accept: "application/json");

        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
        Assert.Equal(2, body["id"]!.GetValue<int>());
        Assert.NotEmpty(body["result"]!["tools"]!.AsArray());
    }

    [Fact]
    public async Task Post_RequestAcceptingSse_AnswersEventStream()
    {
        await using var harness = await ProxyHarness.StartAsync(TestServers.StartCSharpServer);
        using var http = new HttpClient();
        var sessionId = await InitializeAsync(http, harness.Proxy);

        using var response = await PostAsync(http, harness.Proxy, ListTools, sessionId);

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.StartsWith("event: message\ndata: {", text);
        Assert.Contains("\"id\":2", text);
    }

    [Fact]
    public async Task Post_BatchIn20250326_AnswersEveryRequest()
    {
        await using var harness = await ProxyHarness.StartAsync(TestServers.StartCSharpServer);
        using var http = new HttpClient();
        var sessionId = await InitializeAsync(http, harness.Proxy);
        var batch = """[{"jsonrpc":"2.0","id":"a","method":"ping"},{"jsonrpc":"2.0","id":"b","method":"tools/list"}]""";

        using var response = await PostAsync(http, harness.Proxy, batch, sessionId, accept: "application/json", version: "2025-03-26");

        var answers = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!.AsArray();
        Assert.Equal(["a", "b"], answers.Select(a => a!["id"]!.GetValue<string>()).Order());
    }

    [Fact]
    public async Task Post_BatchIn20250618_Returns400()
    {
        await using var harness = await ProxyHarness.StartAsync(TestServers.StartCSharpServer);
        using var http = new HttpClient();
        var sessionId = await InitializeAsync(http, harness.Proxy);

        using var response = await PostAsync(http, harness.Proxy, "[" + ListTools + "]", sessionId, version: "2025-06-18");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Post_UnsupportedProtocolVersionHeader_Returns400()
    {
        await using var harness = await ProxyHarness.StartAsync(TestServers.StartCSharpServer);
        using var http = new HttpClient();
        var sessionId = await InitializeAsync(http, harness.Proxy);

        using var response = await PostAsync(http, harness.Proxy, ListTools, sessionId, version: "1999-01-01");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("/mcp")]
    [InlineData("/sse")]
    public async Task Request_ForeignOriginOnLoopback_Returns403(string path)
    {
        await using var harness = await ProxyHarness.StartAsync(TestServers.StartCSharpServer);
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(path == "/mcp" ? HttpMethod.Post : HttpMethod.Get, new Uri(harness.Proxy.BaseUrl, path));
        request.Headers.Add("Origin", "https://evil.example");
        request.Content = new StringContent(Initialize, Encoding.UTF8, "application/json");

        using var response = await http.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Request_LocalOrigin_IsServed()
    {
        await using var harness = await ProxyHarness.StartAsync(TestServers.StartCSharpServer);
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, harness.Proxy.McpUrl)
        {
            Content = new StringContent(Initialize, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Origin", "http://localhost:6274");

        using var response = await http.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Post_BodyOverLimit_Returns413(bool chunked)
    {
        await using var harness = await ProxyHarness.StartAsync(TestServers.StartCSharpServer, o => o with { MaxRequestBodyBytes = 1024 });
        using var http = new HttpClient();
        var sessionId = await InitializeAsync(http, harness.Proxy);
        var big = """{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"echo","arguments":{"message":"PAYLOAD"}}}"""
            .Replace("PAYLOAD", new string('x', 4096), StringComparison.Ordinal);

        using var request = new HttpRequestMessage(HttpMethod.Post, harness.Proxy.McpUrl)
        {
            Content = chunked ? new ChunkedContent(big) : new StringContent(big, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Mcp-Session-Id", sessionId);
        request.Headers.Accept.ParseAdd("application/json, text/event-stream");
        using var response = await http.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Get_Mcp_OpensEventStreamThatCarriesKeepAlives()
    {
        await using var harness = await ProxyHarness.StartAsync(
            TestServers.StartCSharpServer, o => o with { KeepAliveInterval = TimeSpan.FromMilliseconds(50) });
        using var http = new HttpClient();
        var sessionId = await InitializeAsync(http, harness.Proxy);
        using var request = new HttpRequestMessage(HttpMethod.Get, harness.Proxy.McpUrl);
        request.Headers.Add("Mcp-Session-Id", sessionId);
        request.Headers.Accept.ParseAdd("text/event-stream");

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Ct);
        await using var stream = await response.Content.ReadAsStreamAsync(Ct);
        using var reader = new StreamReader(stream);
        var first = await reader.ReadLineAsync(Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(30), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(": keep-alive", first);
    }

    [Fact]
    public async Task Get_McpWithoutSession_Returns400()
    {
        await using var harness = await ProxyHarness.StartAsync(TestServers.StartCSharpServer);
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, harness.Proxy.McpUrl);
        request.Headers.Accept.ParseAdd("text/event-stream");

        using var response = await http.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Session_IdleLongerThanTimeout_Returns404()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var harness = await ProxyHarness.StartAsync(
            TestServers.StartCSharpServer, o => o with { SessionIdleTimeout = TimeSpan.FromMinutes(5) }, time);
        using var http = new HttpClient();
        var sessionId = await InitializeAsync(http, harness.Proxy);
        using (var stillThere = await PostAsync(http, harness.Proxy, Initialized, sessionId))
        {
            Assert.Equal(HttpStatusCode.Accepted, stillThere.StatusCode);
        }

        time.Advance(TimeSpan.FromMinutes(6));
        using var expired = await PostAsync(http, harness.Proxy, Initialized, sessionId);

        Assert.Equal(HttpStatusCode.NotFound, expired.StatusCode);
    }

    [Fact]
    public async Task LegacySse_EndpointEventThenPostMessages_Returns202AndAnswersOnStream()
    {
        await using var harness = await ProxyHarness.StartAsync(TestServers.StartCSharpServer);
        using var http = new HttpClient();
        using var response = await http.GetAsync(harness.Proxy.SseUrl, HttpCompletionOption.ResponseHeadersRead, Ct);
        await using var stream = await response.Content.ReadAsStreamAsync(Ct);
        using var reader = new StreamReader(stream);

        Assert.Equal("event: endpoint", await reader.ReadLineAsync(Ct));
        var endpoint = (await reader.ReadLineAsync(Ct))!["data: ".Length..];
        Assert.StartsWith("/messages?sessionId=", endpoint);
        using var posted = await http.PostAsync(new Uri(harness.Proxy.BaseUrl, endpoint), new StringContent(Initialize, Encoding.UTF8, "application/json"), Ct);
        using var unknown = await http.PostAsync(new Uri(harness.Proxy.BaseUrl, "/messages?sessionId=nope"), new StringContent(Initialize, Encoding.UTF8, "application/json"), Ct);
        using var missing = await http.PostAsync(new Uri(harness.Proxy.BaseUrl, "/messages"), new StringContent(Initialize, Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal("", await reader.ReadLineAsync(Ct));
        Assert.Equal("event: message", await reader.ReadLineAsync(Ct));
        Assert.Contains("\"protocolVersion\":\"2025-06-18\"", await reader.ReadLineAsync(Ct));
    }

    private static async Task<string> InitializeAsync(HttpClient http, WorkloadProxy proxy)
    {
        using var response = await PostAsync(http, proxy, Initialize, sessionId: null);
        response.EnsureSuccessStatusCode();
        return response.Headers.GetValues("Mcp-Session-Id").Single();
    }

    private static Task<HttpResponseMessage> PostAsync(
        HttpClient http, WorkloadProxy proxy, string body, string? sessionId,
        string accept = "application/json, text/event-stream", string? version = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, proxy.McpUrl)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Clear();
        foreach (var type in accept.Split(','))
        {
            request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse(type.Trim()));
        }

        if (sessionId is not null)
        {
            request.Headers.Add("Mcp-Session-Id", sessionId);
        }

        if (version is not null)
        {
            request.Headers.Add("MCP-Protocol-Version", version);
        }

        return http.SendAsync(request, Ct);
    }

    /// <summary>A JSON body without Content-Length, so only Kestrel's running count can refuse it.</summary>
    private sealed class ChunkedContent : HttpContent
    {
        private readonly string _text;

        public ChunkedContent(string text)
        {
            _text = text;
            Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            stream.WriteAsync(Encoding.UTF8.GetBytes(_text)).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
