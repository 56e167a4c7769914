using System.Net;
using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Toolshed.Authorization;
using Toolshed.Core.Errors;
using Toolshed.Core.Workloads;
using Toolshed.Proxy.Authz;
using Toolshed.Proxy.Tests.Support;
using Toolshed.Testing;

namespace Toolshed.Proxy.Tests.Upstream;

/// <summary>
/// sse and streamable-http backends behind a Cedar policy and an audit log: the proxy serves both of their transports
/// through its own MCP client of the server, so every call over /mcp and over /sse passes the policy and is audited.
/// Without a policy the server's own transport is forwarded, and audited as well.
/// </summary>
public sealed class AuthorizedHttpBackendTests : IDisposable
{
    private const string EchoOnlyPolicy = """
        {"version":"1.0","type":"cedarv1","cedar":{"policies":[
          "permit(principal, action == Action::\"call_tool\", resource == Tool::\"echo\");"
        ],"entities_json":"[]"}}
        """;

    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(60);
    private readonly TemporaryDirectory _state = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Each HTTP server transport, used over each of the proxy's transports.</summary>
    public static TheoryData<McpTransport, string, string, string> ServerAndClient => new()
    {
        { McpTransport.StreamableHttp, "streamableHttp", "/mcp", "/mcp" },
        { McpTransport.StreamableHttp, "streamableHttp", "/mcp", "/sse" },
        { McpTransport.Sse, "sse", "/sse", "/sse" },
        { McpTransport.Sse, "sse", "/sse", "/mcp" },
    };

    public void Dispose() => _state.Dispose();

    [Theory]
    [MemberData(nameof(ServerAndClient))]
    public async Task CallTool_PolicyPermitsEcho_EchoWorksAndToolsListIsFiltered(
        McpTransport transport, string serverMode, string serverPath, string clientPath)
    {
        await using var server = await HttpServerProcess.StartEverythingAsync(serverMode);
        await using var harness = await StartProxyAsync(transport, server.Port, serverPath, authorize: true);
        await using var client = await Clients.ConnectAsync(harness.Proxy, ModeOf(clientPath));

        var tools = await client.ListToolsAsync(cancellationToken: Token).AsTask().WaitAsync(s_wait, Token);
        var echo = await client.CallToolAsync("echo", Clients.Args(("message", "through the gate")), cancellationToken: Token)
            .AsTask().WaitAsync(s_wait, Token);

        Assert.Equal(["echo"], tools.Select(t => t.Name));
        Assert.Contains("through the gate", Assert.IsType<TextContentBlock>(echo.Content[0]).Text);
    }

    [Fact]
    public async Task Connect_ServerComesUpJustAfterTheProxy_TheClientWaitsForItInsteadOfBeingToldItIsNotRunning()
    {
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        var port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        await using var harness = await StartProxyAsync(McpTransport.Sse, port, "/sse", authorize: true);

        // The proxy's own client of the server fails its first connections; the server starts while this one waits.
        var connecting = Clients.ConnectAsync(harness.Proxy, ModeOf("/mcp"));
        await Task.Delay(TimeSpan.FromMilliseconds(300), Token);
        await using var server = await HttpServerProcess.StartEverythingAsync("sse", port);
        await using var client = await connecting.WaitAsync(s_wait, Token);

        var echo = await client.CallToolAsync("echo", Clients.Args(("message", "late but here")), cancellationToken: Token).AsTask().WaitAsync(s_wait, Token);
        Assert.Contains("late but here", Assert.IsType<TextContentBlock>(echo.Content[0]).Text);
    }

    [Theory]
    [MemberData(nameof(ServerAndClient))]
    public async Task CallTool_DeniedTool_Returns403WithJsonRpcErrorNamingTheAction(
        McpTransport transport, string serverMode, string serverPath, string clientPath)
    {
        await using var server = await HttpServerProcess.StartEverythingAsync(serverMode);
        await using var harness = await StartProxyAsync(transport, server.Port, serverPath, authorize: true);
        using var http = new HttpClient { BaseAddress = harness.Proxy.BaseUrl };

        using var response = await RawMcpCalls.CallToolAsync(http, clientPath, "get-sum");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token));
        var error = body.RootElement.GetProperty("error");
        Assert.Equal(-32003, error.GetProperty("code").GetInt32());
        Assert.Contains("call_tool on 'get-sum'", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("call_tool", error.GetProperty("data").GetProperty("action").GetString());
        Assert.Equal(RawMcpCalls.CallId, body.RootElement.GetProperty("id").GetInt32());
    }

    [Theory]
    [MemberData(nameof(ServerAndClient))]
    public async Task Audit_AllowedAndDeniedCalls_OneLineEachWithDecisionAndOutcome(
        McpTransport transport, string serverMode, string serverPath, string clientPath)
    {
        await using var server = await HttpServerProcess.StartEverythingAsync(serverMode);
        await using var harness = await StartProxyAsync(transport, server.Port, serverPath, authorize: true);
        await using (var client = await Clients.ConnectAsync(harness.Proxy, ModeOf(clientPath)))
        {
            await client.CallToolAsync("echo", Clients.Args(("message", "audited")), cancellationToken: Token).AsTask().WaitAsync(s_wait, Token);
        }

        using (var http = new HttpClient { BaseAddress = harness.Proxy.BaseUrl })
        using (var denied = await RawMcpCalls.CallToolAsync(http, clientPath, "get-sum"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        }

        var lines = await AuditLinesAsync(harness.Proxy);
        var allowed = Assert.Single(lines, l => IsCallOf(l, "echo"));
        Assert.Equal("allow", allowed.GetProperty("decision").GetString());
        Assert.Equal("success", allowed.GetProperty("outcome").GetString());
        var refused = Assert.Single(lines, l => IsCallOf(l, "get-sum"));
        Assert.Equal("deny", refused.GetProperty("decision").GetString());
        Assert.Equal("denied", refused.GetProperty("outcome").GetString());
        Assert.Equal(-32003, refused.GetProperty("error_code").GetInt32());
    }

    [Theory]
    [MemberData(nameof(ServerAndClient))]
    public async Task Audit_NoPolicy_CallsOverEitherTransportAreAudited(
        McpTransport transport, string serverMode, string serverPath, string clientPath)
    {
        await using var server = await HttpServerProcess.StartEverythingAsync(serverMode);
        await using var harness = await StartProxyAsync(transport, server.Port, serverPath, authorize: false);
        // Pinned to 2025-11-25: a 2026-07-28 client is always bridged (its requests are translated for the server).
        await using (var client = await Clients.ConnectAsync(harness.Proxy, ModeOf(clientPath), Clients.Legacy()))
        {
            await client.CallToolAsync("get-sum", Clients.Args(("a", 1), ("b", 2)), cancellationToken: Token).AsTask().WaitAsync(s_wait, Token);
        }

        var line = Assert.Single(await AuditLinesAsync(harness.Proxy), l => IsCallOf(l, "get-sum"));
        Assert.Equal("none", line.GetProperty("decision").GetString());
        Assert.Equal("success", line.GetProperty("outcome").GetString());
        Assert.Equal("test", line.GetProperty("workload").GetString());

        // The server's own transport was forwarded (the line carries the server's HTTP status); the other one bridged.
        Assert.Equal(clientPath == serverPath, line.TryGetProperty("http_status", out _));
    }

    [Theory]
    [MemberData(nameof(ServerAndClient))]
    public async Task Request_WithPolicy_NothingIsForwarded(McpTransport transport, string serverMode, string serverPath, string clientPath)
    {
        await using var server = await HttpServerProcess.StartEverythingAsync(serverMode);
        await using var harness = await StartProxyAsync(transport, server.Port, serverPath, authorize: true);
        using var http = new HttpClient { BaseAddress = harness.Proxy.BaseUrl };

        using var other = await http.GetAsync("elsewhere", Token);
        using var call = await RawMcpCalls.CallToolAsync(http, clientPath, "echo");

        // A path the bridge does not serve is the proxy's 404, never passed on to the server; the call is served.
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.True(call.IsSuccessStatusCode, call.StatusCode.ToString());
    }

    [Fact]
    public async Task Initialize_WithPolicyOverMcp_SessionIsTheProxysNotTheServers()
    {
        await using var server = await HttpServerProcess.StartEverythingAsync("streamableHttp");
        await using var harness = await StartProxyAsync(McpTransport.StreamableHttp, server.Port, "/mcp", authorize: true);
        using var viaProxy = new HttpClient { BaseAddress = harness.Proxy.BaseUrl };
        using var direct = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{server.Port}/") };

        var session = await RawMcpCalls.InitializeAsync(viaProxy);
        using var ping = await RawMcpCalls.PostAsync(direct, "mcp", session, """{"jsonrpc":"2.0","id":3,"method":"ping"}""");

        // Bridged, not forwarded: the server never saw this session (the forwarded case is in AuditedForwardingTests).
        Assert.False(ping.IsSuccessStatusCode);
    }

    [Fact]
    public async Task Start_ForwardAuthorizationWithAPolicy_IsRefused()
    {
        var error = await Assert.ThrowsAsync<InvalidInputException>(() => StartProxyAsync(
            McpTransport.StreamableHttp, 1, "/mcp", authorize: true, configure: o => o with { ForwardAuthorization = true }));

        Assert.Equal(nameof(WorkloadProxyOptions.ForwardAuthorization), error.Field);
    }

    private Task<ProxyHarness> StartProxyAsync(
        McpTransport transport, int port, string serverPath, bool authorize, Func<WorkloadProxyOptions, WorkloadProxyOptions>? configure = null) =>
        ProxyHarness.StartAsync(null, o =>
        {
            var options = o with
            {
                Transport = transport,
                Authorizer = authorize ? new CedarCallAuthorizer(CedarAuthorizer.Parse(EchoOnlyPolicy)) : null,
                AuditDirectory = _state.Combine("audit"),
            };
            return configure?.Invoke(options) ?? options;
        }, upstream: new Uri($"http://127.0.0.1:{port}{serverPath}"));

    private static HttpTransportMode ModeOf(string clientPath) =>
        clientPath == "/sse" ? HttpTransportMode.Sse : HttpTransportMode.StreamableHttp;

    private static bool IsCallOf(JsonElement line, string tool) =>
        line.GetProperty("method").GetString() == "tools/call" && line.GetProperty("name").GetString() == tool;

    private static async Task<List<JsonElement>> AuditLinesAsync(WorkloadProxy proxy)
    {
        var text = await File.ReadAllTextAsync(Assert.IsType<string>(proxy.AuditLogPath), Token);
        return [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)];
    }
}
