using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Toolshed.Core.Workloads;
using Toolshed.Proxy.Tests.Support;
using Toolshed.Testing;

namespace Toolshed.Proxy.Tests.Forwarding;

/// <summary>
/// sse and streamable-http backends with an audit log and no policy, as the daemon runs them: the server's own
/// transport is forwarded by YARP (each caller has its own session with the server, answers stream unbuffered), and
/// every JSON-RPC request of a forwarded POST gets one audit line.
/// </summary>
public sealed class AuditedForwardingTests : IDisposable
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(60);
    private readonly TemporaryDirectory _state = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static TheoryData<McpTransport, string, string, HttpTransportMode> ServersOwnTransport => new()
    {
        { McpTransport.StreamableHttp, "streamableHttp", "/mcp", HttpTransportMode.StreamableHttp },
        { McpTransport.Sse, "sse", "/sse", HttpTransportMode.Sse },
    };

    public void Dispose() => _state.Dispose();

    [Fact]
    public async Task Initialize_TwoCallersOverMcp_EachGetsItsOwnSessionWithTheServer()
    {
        await using var server = await HttpServerProcess.StartEverythingAsync("streamableHttp");
        await using var harness = await StartProxyAsync(McpTransport.StreamableHttp, server.Port, "/mcp");
        using var viaProxy = new HttpClient { BaseAddress = harness.Proxy.BaseUrl };
        using var direct = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{server.Port}/") };

        var first = await RawMcpCalls.InitializeAsync(viaProxy);
        var second = await RawMcpCalls.InitializeAsync(viaProxy);

        // The ids are the server's own: it knows them when asked directly (a bridged proxy's ids it would refuse).
        Assert.NotEqual(first, second);
        foreach (var session in new[] { first, second })
        {
            using var ping = await RawMcpCalls.PostAsync(direct, "mcp", session, """{"jsonrpc":"2.0","id":3,"method":"ping"}""");
            Assert.Equal(HttpStatusCode.OK, ping.StatusCode);
        }
    }

    [Fact]
    public async Task OpenSse_TwoCallers_EachStreamIsItsOwnSessionOfTheServer()
    {
        await using var server = await HttpServerProcess.StartEverythingAsync("sse");
        await using var harness = await StartProxyAsync(McpTransport.Sse, server.Port, "/sse");
        using var viaProxy = new HttpClient { BaseAddress = harness.Proxy.BaseUrl };
        using var direct = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{server.Port}/") };
        using var first = await SseStream.OpenAsync(viaProxy);
        using var second = await SseStream.OpenAsync(viaProxy);

        // The server's own message endpoint and session ids (the bridge would announce /messages and its own ids).
        Assert.StartsWith("/message?sessionId=", first.Endpoint, StringComparison.Ordinal);
        Assert.NotEqual(first.Endpoint, second.Endpoint);

        // A message posted straight to the server in the first session is answered on the stream the proxy forwards.
        using var posted = await direct.PostAsync(
            first.Endpoint.TrimStart('/'), new StringContent("""{"jsonrpc":"2.0","id":31,"method":"ping"}""", MediaTypeHeaderValue.Parse("application/json")), Token);
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        var answer = await first.NextDataAsync(d => d.Contains("\"id\":31", StringComparison.Ordinal)).WaitAsync(s_wait, Token);
        Assert.Contains("\"result\"", answer, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ServersOwnTransport))]
    public async Task CallTool_LongRunningOverServersTransport_ProgressAndAuditLineArriveWhileTheCallRuns(
        McpTransport transport, string serverMode, string serverPath, HttpTransportMode clientMode)
    {
        await using var server = await HttpServerProcess.StartEverythingAsync(serverMode);
        await using var harness = await StartProxyAsync(transport, server.Port, serverPath);
        await using var client = await Clients.ConnectAsync(harness.Proxy, clientMode, Clients.Legacy());
        var progress = new ProgressRecorder(expected: 1);
        await using var registration = client.RegisterNotificationHandler(NotificationMethods.ProgressNotification, progress.OnNotification);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Token);

        var call = client.CallToolAsync(
            "trigger-long-running-operation", Clients.Args(("duration", 120), ("steps", 120)), new Progress<ProgressNotificationValue>(), cancellationToken: stop.Token).AsTask();
        await progress.Reached.WaitAsync(s_wait, Token);

        // The first progress event came through while the call still runs: nothing held the stream back.
        Assert.False(call.IsCompleted);
        var line = Assert.Single(await AuditLinesAsync(harness.Proxy), l => IsCallOf(l, "trigger-long-running-operation"));
        Assert.Equal("success", line.GetProperty("outcome").GetString());
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(s_wait, Token));
    }

    [Theory]
    [MemberData(nameof(ServersOwnTransport))]
    public async Task Audit_CallsOverServersTransport_OneLinePerRequestNoneForNotifications(
        McpTransport transport, string serverMode, string serverPath, HttpTransportMode clientMode)
    {
        await using var server = await HttpServerProcess.StartEverythingAsync(serverMode);
        await using var harness = await StartProxyAsync(transport, server.Port, serverPath);
        await using (var client = await Clients.ConnectAsync(harness.Proxy, clientMode, Clients.Legacy()))
        {
            await client.CallToolAsync("get-sum", Clients.Args(("a", 1), ("b", 2)), cancellationToken: Token).AsTask().WaitAsync(s_wait, Token);
            await client.ListToolsAsync(cancellationToken: Token).AsTask().WaitAsync(s_wait, Token);
        }

        // A 2025-11-25 session (2026-07-28 requests are bridged, not forwarded): initialize, and never a line for the
        // notifications/initialized that follows.
        var lines = await AuditLinesAsync(harness.Proxy);
        var expectedStatus = transport == McpTransport.Sse ? 202 : 200;
        Assert.Equal(["initialize", "tools/call", "tools/list"], lines.Select(l => l.GetProperty("method").GetString()));
        Assert.All(lines, l =>
        {
            Assert.Equal("test", l.GetProperty("workload").GetString());
            Assert.Equal("none", l.GetProperty("decision").GetString());
            Assert.Equal("success", l.GetProperty("outcome").GetString());
            Assert.Equal(expectedStatus, l.GetProperty("http_status").GetInt32());
            Assert.True(l.GetProperty("duration_ms").GetDouble() >= 0);
            Assert.False(l.TryGetProperty("subject", out _));
            Assert.False(l.TryGetProperty("arguments", out _));
        });
        Assert.Equal("get-sum", lines[1].GetProperty("name").GetString());
    }

    [Fact]
    public async Task Audit_BatchOverMcp_OneLinePerRequestOfTheBatch()
    {
        await using var server = await HttpServerProcess.StartEverythingAsync("streamableHttp");
        await using var harness = await StartProxyAsync(McpTransport.StreamableHttp, server.Port, "/mcp");
        using var http = new HttpClient { BaseAddress = harness.Proxy.BaseUrl };
        var session = await RawMcpCalls.InitializeAsync(http);

        using var batch = await RawMcpCalls.PostAsync(http, "mcp", session, """
            [{"jsonrpc":"2.0","method":"notifications/initialized"},
             {"jsonrpc":"2.0","id":21,"method":"tools/call","params":{"name":"echo","arguments":{"message":"one"}}},
             {"jsonrpc":"2.0","id":22,"method":"prompts/get","params":{"name":"simple-prompt"}},
             {"jsonrpc":"2.0","id":23,"method":"resources/read","params":{"uri":"demo://resource/static/document/architecture.md"}}]
            """);

        var lines = await AuditLinesAsync(harness.Proxy);
        Assert.Equal(
            [("initialize", null), ("tools/call", "echo"), ("prompts/get", "simple-prompt"), ("resources/read", "demo://resource/static/document/architecture.md")],
            lines.Select(l => (l.GetProperty("method").GetString(), l.TryGetProperty("name", out var n) ? n.GetString() : null)));
        Assert.All(lines.Skip(1), l => Assert.Equal((int)batch.StatusCode, l.GetProperty("http_status").GetInt32()));
    }

    [Theory]
    [InlineData("/mcp")]
    [InlineData("/sse")]
    public async Task Audit_OidcCallerOverServersTransport_SubjectAndTruncatedArgumentsButNoToken(string path)
    {
        await using var issuer = await TestIssuer.StartAsync(Token);
        var (transport, serverMode) = path == "/sse" ? (McpTransport.Sse, "sse") : (McpTransport.StreamableHttp, "streamableHttp");
        await using var server = await HttpServerProcess.StartEverythingAsync(serverMode);
        await using var harness = await StartProxyAsync(transport, server.Port, path, o => o with
        {
            Oidc = new OidcSettings { Issuer = issuer.Issuer, Audience = TestIssuer.Audience },
            AuditArgumentChars = 8,
        });
        var token = issuer.Mint(subject: "carol");
        using var http = new HttpClient { BaseAddress = harness.Proxy.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var call = await RawMcpCalls.CallToolAsync(http, path, "get-sum");

        Assert.True(call.IsSuccessStatusCode, call.StatusCode.ToString());
        var text = await File.ReadAllTextAsync(Assert.IsType<string>(harness.Proxy.AuditLogPath), Token);
        Assert.DoesNotContain(token, text, StringComparison.Ordinal);
        Assert.DoesNotContain(token.Split('.')[2], text, StringComparison.Ordinal);
        var line = Assert.Single(await AuditLinesAsync(harness.Proxy), l => IsCallOf(l, "get-sum"));
        Assert.Equal("carol", line.GetProperty("subject").GetString());
        Assert.Equal("{\"a\":1,\"…", line.GetProperty("arguments").GetString());
    }

    [Fact]
    public async Task Forward_ChunkedBodyOverTheLimit_Returns413AndNothingIsAudited()
    {
        await using var server = await HttpServerProcess.StartEverythingAsync("streamableHttp");
        await using var harness = await StartProxyAsync(McpTransport.StreamableHttp, server.Port, "/mcp", o => o with { MaxRequestBodyBytes = 2048 });
        using var http = new HttpClient { BaseAddress = harness.Proxy.BaseUrl };
        var body = """{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","arguments":{"message":""" + "\"" + new string('x', 4096) + "\"}}}";
        using var request = new HttpRequestMessage(HttpMethod.Post, "mcp") { Content = new StreamContent(new UnseekableStream(body)) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");
        request.Headers.Accept.ParseAdd("application/json, text/event-stream");

        using var response = await http.SendAsync(request, Token);

        Assert.Null(request.Content.Headers.ContentLength);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(await AuditLinesAsync(harness.Proxy));
    }

    [Theory]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/list","params":[1]}""", "application/json", 400, -32602)]
    [InlineData("""{"jsonrpc":"2.0","id":1,"id":2,"method":"tools/list"}""", "application/json", 400, -32700)]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/list"} trailing""", "application/json", 400, -32700)]
    [InlineData("""{"jsonrpc":"1.0","id":1,"method":"tools/list"}""", "application/json", 400, -32600)]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/list"}""", "application/json; charset=latin-9", 415, -32600)]
    public async Task Forward_InvalidJsonRpcBody_IsAnsweredByTheProxyAndNotForwarded(string body, string contentType, int status, int code)
    {
        await using var server = await HttpServerProcess.StartEverythingAsync("streamableHttp");
        await using var harness = await StartProxyAsync(McpTransport.StreamableHttp, server.Port, "/mcp");
        using var http = new HttpClient { BaseAddress = harness.Proxy.BaseUrl };
        var session = await RawMcpCalls.InitializeAsync(http);
        using var request = new HttpRequestMessage(HttpMethod.Post, "mcp") { Content = new StringContent(body) };
        request.Content.Headers.Remove("Content-Type");
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        request.Headers.Accept.ParseAdd("application/json, text/event-stream");
        request.Headers.Add("Mcp-Session-Id", session);

        using var response = await http.SendAsync(request, Token);

        Assert.Equal(status, (int)response.StatusCode);
        using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token));
        Assert.Equal(code, error.RootElement.GetProperty("error").GetProperty("code").GetInt32());
        Assert.DoesNotContain(await AuditLinesAsync(harness.Proxy), l => l.GetProperty("method").GetString() == "tools/list");
    }

    private Task<ProxyHarness> StartProxyAsync(
        McpTransport transport, int port, string serverPath, Func<WorkloadProxyOptions, WorkloadProxyOptions>? configure = null) =>
        ProxyHarness.StartAsync(null, o =>
        {
            var options = o with
            {
                Transport = transport,
                AuditDirectory = _state.Combine("audit"),
            };
            return configure?.Invoke(options) ?? options;
        }, upstream: new Uri($"http://127.0.0.1:{port}{serverPath}"));

    private static bool IsCallOf(JsonElement line, string tool) =>
        line.GetProperty("method").GetString() == "tools/call" && line.GetProperty("name").GetString() == tool;

    private static async Task<List<JsonElement>> AuditLinesAsync(WorkloadProxy proxy)
    {
        var path = Assert.IsType<string>(proxy.AuditLogPath);
        if (!File.Exists(path))
        {
            return [];
        }

        var text = await File.ReadAllTextAsync(path, Token);
        return [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)];
    }

    /// <summary>A body whose length the client cannot know, so it is sent chunked (no Content-Length to refuse early).</summary>
    private sealed class UnseekableStream(string text) : MemoryStream(System.Text.Encoding.UTF8.GetBytes(text))
    {
        public override bool CanSeek => false;
    }
}
