using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Toolshed.Authorization;
using Toolshed.Core.Workloads;
using Toolshed.Proxy.Authz;
using Toolshed.Proxy.Tests.Support;
using Toolshed.Testing;

namespace Toolshed.Proxy.Tests.Auth;

/// <summary>The authorizer hook and the audit log, through a real proxy in front of the everything-server, with real tokens.</summary>
public sealed class AuthorizationHookTests : IAsyncLifetime
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(60);
    private readonly TemporaryDirectory _state = new();
    private readonly AllowListAuthorizer _authorizer = new("echo");
    private TestIssuer _issuer = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _issuer = await TestIssuer.StartAsync(Token);

    public async ValueTask DisposeAsync()
    {
        await _issuer.DisposeAsync();
        _state.Dispose();
    }

    [Fact]
    public async Task CallTool_AllowedTool_Works()
    {
        await using var harness = await StartAsync();
        var token = _issuer.Mint(claims: new Dictionary<string, object> { ["groups"] = new[] { "dev" } });
        await using var client = await OidcProxyTests.ConnectAsync(harness.Proxy, HttpTransportMode.StreamableHttp, token);

        var result = await client.CallToolAsync("echo", Clients.Args(("message", "allowed")), cancellationToken: Token).AsTask().WaitAsync(s_wait, Token);

        Assert.Contains("allowed", Assert.IsType<TextContentBlock>(result.Content[0]).Text);
        var asked = Assert.Single(_authorizer.Asked, c => c.Action == McpAction.CallTool);
        Assert.Equal("alice", asked.Subject);
        Assert.Equal("echo", asked.Target);
        Assert.Equal("tools/call", asked.Method);
        Assert.Equal("allowed", asked.Arguments["message"].GetString());
        Assert.Equal("dev", asked.Claims["groups"][0].GetString());
    }

    [Fact]
    public async Task ListTools_AllowList_ReturnsOnlyAllowedTools()
    {
        await using var harness = await StartAsync();
        await using var client = await OidcProxyTests.ConnectAsync(harness.Proxy, HttpTransportMode.StreamableHttp, _issuer.Mint());

        var tools = await client.ListToolsAsync(cancellationToken: Token).AsTask().WaitAsync(s_wait, Token);

        Assert.Equal(["echo"], tools.Select(t => t.Name));
    }

    [Theory]
    [InlineData("/mcp")]
    [InlineData("/sse")]
    public async Task CallTool_DeniedTool_Returns403WithJsonRpcErrorNamingTheAction(string transport)
    {
        await using var harness = await StartAsync();
        var token = _issuer.Mint();
        using var http = new HttpClient { BaseAddress = harness.Proxy.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var response = await RawMcpCalls.CallToolAsync(http, transport, "get-sum");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token));
        var error = body.RootElement.GetProperty("error");
        Assert.Equal(-32003, error.GetProperty("code").GetInt32());
        Assert.Contains("call_tool", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("get-sum", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("call_tool", error.GetProperty("data").GetProperty("action").GetString());
        Assert.Equal(RawMcpCalls.CallId, body.RootElement.GetProperty("id").GetInt32());
    }

    [Fact]
    public async Task Audit_AllowedAndDeniedCalls_WritesOneLineEachWithoutTheToken()
    {
        await using var harness = await StartAsync(auditArguments: true);
        var token = _issuer.Mint(subject: "bob");
        await using (var client = await OidcProxyTests.ConnectAsync(harness.Proxy, HttpTransportMode.StreamableHttp, token))
        {
            await client.CallToolAsync("echo", Clients.Args(("message", "audited")), cancellationToken: Token).AsTask().WaitAsync(s_wait, Token);
        }

        using (var http = new HttpClient { BaseAddress = harness.Proxy.BaseUrl })
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var denied = await RawMcpCalls.OverStreamableHttpAsync(http, "get-sum");
            Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        }

        var path = Assert.IsType<string>(harness.Proxy.AuditLogPath);
        var text = await File.ReadAllTextAsync(path, Token);
        Assert.DoesNotContain(token, text, StringComparison.Ordinal);
        Assert.DoesNotContain(token.Split('.')[1], text, StringComparison.Ordinal);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var allowed = Assert.Single(lines, l => l.GetProperty("method").GetString() == "tools/call" && l.GetProperty("name").GetString() == "echo");
        Assert.Equal("bob", allowed.GetProperty("subject").GetString());
        Assert.Equal("allow", allowed.GetProperty("decision").GetString());
        Assert.Equal("success", allowed.GetProperty("outcome").GetString());
        Assert.Equal("test", allowed.GetProperty("workload").GetString());
        Assert.Contains("audited", allowed.GetProperty("arguments").GetString(), StringComparison.Ordinal);
        Assert.True(allowed.GetProperty("duration_ms").GetDouble() >= 0);
        var refused = Assert.Single(lines, l => l.GetProperty("method").GetString() == "tools/call" && l.GetProperty("name").GetString() == "get-sum");
        Assert.Equal("deny", refused.GetProperty("decision").GetString());
        Assert.Equal("denied", refused.GetProperty("outcome").GetString());
        Assert.Contains(lines, l => l.GetProperty("method").GetString() == "initialize");
    }

    [Fact]
    public async Task Audit_RequestsWithoutAValidToken_AreRecordedAsUnauthenticated_WithoutTheirToken()
    {
        await using var harness = await StartAsync();
        var rogue = _issuer.MintWithRogueKey();
        using var http = new HttpClient { BaseAddress = harness.Proxy.BaseUrl };

        const string Initialize = """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}""";
        using (var missing = await RawMcpCalls.PostAsync(http, "mcp", null, Initialize))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        }

        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", rogue);
        using (var forged = await RawMcpCalls.PostAsync(http, "mcp", null, Initialize))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        }

        var text = await File.ReadAllTextAsync(Assert.IsType<string>(harness.Proxy.AuditLogPath), Token);
        Assert.DoesNotContain(rogue.Split('.')[2], text, StringComparison.Ordinal);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(2, lines.Count);
        Assert.All(lines, line =>
        {
            Assert.Equal("POST /mcp", line.GetProperty("method").GetString());
            Assert.Equal("deny", line.GetProperty("decision").GetString());
            Assert.Equal("unauthenticated", line.GetProperty("outcome").GetString());
            Assert.Equal("127.0.0.1", line.GetProperty("remote").GetString());
            Assert.False(line.TryGetProperty("subject", out var subject) && subject.ValueKind == JsonValueKind.String);
        });
    }

    private Task<ProxyHarness> StartAsync(bool auditArguments = false) => ProxyHarness.StartAsync(
        () => TestServers.StartEverything(),
        options => options with
        {
            Oidc = new OidcSettings { Issuer = _issuer.Issuer, Audience = TestIssuer.Audience },
            Authorizer = _authorizer,
            AuditDirectory = _state.Combine("audit"),
            AuditArgumentChars = auditArguments ? 256 : 0,
        });
}
