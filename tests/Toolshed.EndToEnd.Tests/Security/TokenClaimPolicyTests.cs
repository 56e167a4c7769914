using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Toolshed.EndToEnd.Tests.Servers;
using Toolshed.Testing;

namespace Toolshed.EndToEnd.Tests.Security;

/// <summary>
/// A stdio workload created through the API with both OIDC and a Cedar policy that reads a token claim: real signed
/// tokens from an in-test identity provider decide, per caller, what is listed and what may be called.
/// </summary>
public sealed class TokenClaimPolicyTests(ServersApiFixture fixture) : IClassFixture<ServersApiFixture>, IAsyncLifetime
{
    private const string AdminOnlyEnvNames = """
        {"version":"1.0","type":"cedarv1","cedar":{"policies":[
          "permit(principal, action == Action::\"list_tools\", resource);",
          "permit(principal, action == Action::\"call_tool\", resource == Tool::\"echo\");",
          "permit(principal, action == Action::\"call_tool\", resource == Tool::\"env_names\") when { principal has claim_role && principal.claim_role == \"admin\" };"
        ],"entities_json":"[]"}}
        """;

    private TestIssuer _issuer = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _issuer = await TestIssuer.StartAsync(Token);

    public async ValueTask DisposeAsync() => await _issuer.DisposeAsync();

    [Fact]
    public async Task Call_TokenClaimsAndPolicy_DecidePerCallerAndAuditNamesTheSubject()
    {
        var name = ServersApiFixture.UniqueName("claims");
        var created = await fixture.Api.PostAsJsonAsync(
            "api/v1beta/servers",
            new
            {
                image = TestImages.CSharpServer,
                name,
                oidc = new { issuer = _issuer.Issuer, audience = TestIssuer.Audience },
                authz_config = AdminOnlyEnvNames,
            },
            Token);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.True(created.StatusCode == HttpStatusCode.Created, body.ToString());
        var port = body.GetProperty("port").GetInt32();
        var adminToken = _issuer.Mint(subject: "alice", claims: new Dictionary<string, object> { ["role"] = "admin" });
        var viewerToken = _issuer.Mint(subject: "bob", claims: new Dictionary<string, object> { ["role"] = "viewer" });

        // No token at all: 401 with a challenge that points at the protected-resource metadata.
        using (var http = new HttpClient())
        using (var anonymous = await http.PostAsync(
            $"http://127.0.0.1:{port}/mcp", JsonContent.Create(new { jsonrpc = "2.0", id = 1, method = "tools/list" }), Token))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            var challenge = Assert.Single(anonymous.Headers.WwwAuthenticate);
            Assert.Equal("Bearer", challenge.Scheme);
            Assert.Contains("resource_metadata=", challenge.Parameter, StringComparison.Ordinal);
        }

        // The admin sees and calls env_names.
        await using (var admin = await McpProbe.ConnectAsync(port, token: adminToken))
        {
            var tools = await admin.ListToolsAsync(cancellationToken: Token);
            Assert.Equal(["echo", "env_names"], tools.Select(t => t.Name).Order(StringComparer.Ordinal));
            var names = await admin.CallToolAsync("env_names", cancellationToken: Token);
            Assert.NotEmpty(Assert.IsType<TextContentBlock>(Assert.Single(names.Content)).Text);
        }

        // The viewer neither sees it nor may call it; echo still works for them.
        await using (var viewer = await McpProbe.ConnectAsync(port, HttpTransportMode.Sse, viewerToken))
        {
            var tools = await viewer.ListToolsAsync(cancellationToken: Token);
            Assert.Equal(["echo"], tools.Select(t => t.Name));
            Assert.Equal("hello bob", await McpProbe.EchoAsync(viewer, "hello bob"));
        }

        await using (var viewer = await McpProbe.ConnectAsync(port, token: viewerToken))
        {
            var denied = await Assert.ThrowsAsync<HttpRequestException>(async () => await viewer.CallToolAsync("env_names", cancellationToken: Token));
            Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
            Assert.Contains("call_tool", denied.Message, StringComparison.Ordinal);
        }

        var audit = await fixture.Api.GetStringAsync($"api/v1beta/servers/{name}/audit", Token);
        foreach (var token in new[] { adminToken, viewerToken })
        {
            Assert.DoesNotContain(token, audit, StringComparison.Ordinal);
            Assert.DoesNotContain(token.Split('.')[1], audit, StringComparison.Ordinal);
            Assert.DoesNotContain(token.Split('.')[2], audit, StringComparison.Ordinal);
        }

        var lines = audit.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var envCalls = lines.Where(l => l.GetProperty("method").GetString() == "tools/call" && l.GetProperty("name").GetString() == "env_names")
            .Select(l => (Subject: l.GetProperty("subject").GetString(), Decision: l.GetProperty("decision").GetString(), Outcome: l.GetProperty("outcome").GetString()))
            .ToList();
        Assert.Equal([("alice", "allow", "success"), ("bob", "deny", "denied")], envCalls);
        Assert.Contains(lines, l => l.GetProperty("method").GetString() == "tools/list" && l.GetProperty("subject").GetString() == "bob");
        Assert.DoesNotContain(lines, l => l.TryGetProperty("subject", out var s) && s.ValueKind == JsonValueKind.Null);
        var anonymousLine = Assert.Single(lines, l => l.GetProperty("outcome").GetString() == "unauthenticated");
        Assert.Equal("POST /mcp", anonymousLine.GetProperty("method").GetString());
        Assert.Equal("deny", anonymousLine.GetProperty("decision").GetString());
    }
}
