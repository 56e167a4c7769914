using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Toolshed.EndToEnd.Tests.Servers;
using Toolshed.Testing;

namespace Toolshed.EndToEnd.Tests.Security;

/// <summary>A workload created with a Cedar authorization config: its proxy lets through only what the policies permit.</summary>
public sealed class AuthorizationTests(ServersApiFixture fixture) : IClassFixture<ServersApiFixture>
{
    private const string EchoOnlyConfig = """
        {
          "version": "1.0",
          "type": "cedarv1",
          "cedar": {
            "policies": [
              "permit(principal, action == Action::\"call_tool\", resource == Tool::\"echo\");",
              "forbid(principal, action == Action::\"call_tool\", resource) when { resource has arg_message && resource.arg_message == \"forbidden\" };"
            ],
            "entities_json": "[]"
          }
        }
        """;

    [Fact]
    public async Task Create_WithPolicy_AllowsPermittedCallsDeniesOthersAndFiltersLists()
    {
        var ct = TestContext.Current.CancellationToken;
        var config = Path.Combine(fixture.Home, "authz.json");
        await File.WriteAllTextAsync(config, EchoOnlyConfig, ct);
        var name = ServersApiFixture.UniqueName("authz");

        var created = await fixture.Api.PostAsJsonAsync("api/v1beta/servers", new { image = TestImages.CSharpServer, name, authz_config = config }, ct);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>(ct);
        Assert.True(created.StatusCode == HttpStatusCode.Created, body.ToString());
        var port = body.GetProperty("port").GetInt32();

        await using var client = await McpProbe.ConnectAsync(port);
        var tools = await client.ListToolsAsync(cancellationToken: ct);
        Assert.Equal(["echo"], tools.Select(t => t.Name));
        Assert.Equal("allowed", await McpProbe.EchoAsync(client, "allowed"));

        // A denied call is HTTP 403 carrying a JSON-RPC error that names the denied action.
        var denied = await Assert.ThrowsAsync<HttpRequestException>(async () =>
            await client.CallToolAsync("env_names", cancellationToken: ct));
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Contains("call_tool", denied.Message, StringComparison.Ordinal);

        // forbid beats permit: the permitted tool with an argument a forbid policy matches.
        await using var second = await McpProbe.ConnectAsync(port);
        var forbidden = await Assert.ThrowsAsync<HttpRequestException>(async () => await McpProbe.EchoAsync(second, "forbidden"));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal("still allowed", await McpProbe.EchoAsync(second, "still allowed"));
    }

    [Fact]
    public async Task Create_InvalidPolicy_Is400WithWhereAndLeavesNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var config = Path.Combine(fixture.Home, "broken-authz.json");
        await File.WriteAllTextAsync(config, """
            {"version":"1.0","type":"cedarv1","cedar":{"policies":["permit(principal, action, resource) when { principal.x == };"],"entities_json":"[]"}}
            """, ct);
        var name = ServersApiFixture.UniqueName("badauthz");

        var response = await fixture.Api.PostAsJsonAsync("api/v1beta/servers", new { image = TestImages.CSharpServer, name, authz_config = config }, ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        Assert.Equal("authz_config", problem.GetProperty("field").GetString());
        Assert.Contains("line", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Empty(await fixture.OwnContainersAsync(name));
    }
}
