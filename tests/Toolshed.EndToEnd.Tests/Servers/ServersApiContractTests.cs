using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Toolshed.Testing;

namespace Toolshed.EndToEnd.Tests.Servers;

/// <summary>
/// The servers endpoints answer with every field of the API reference, spelled and typed as it has them; Toolshed's
/// own additions are snake_case and listed here, so an accidental rename or a stray field fails.
/// </summary>
public sealed class ServersApiContractTests(ServersApiFixture fixture) : IClassFixture<ServersApiFixture>
{
    private static readonly Dictionary<string, JsonValueKind> s_containerInfo = new()
    {
        ["created"] = JsonValueKind.String,
        ["id"] = JsonValueKind.String,
        ["image"] = JsonValueKind.String,
        ["labels"] = JsonValueKind.Object,
        ["name"] = JsonValueKind.String,
        ["ports"] = JsonValueKind.Array,
        ["state"] = JsonValueKind.String,
        ["status"] = JsonValueKind.String,
    };

    // Toolshed's additions to every ContainerInfo.
    private static readonly Dictionary<string, JsonValueKind> s_infoExtras = new()
    {
        ["url"] = JsonValueKind.String,
        ["sse_url"] = JsonValueKind.String,
        ["transport"] = JsonValueKind.String,
    };

    // What GET /servers/{name} adds on top (nullable ones are checked by presence).
    private static readonly string[] s_detailsExtras =
    [
        "target_port", "host", "proxy_port", "cmd_arguments", "env_var_names", "secrets", "volumes", "permission_profile", "network",
        "egress", "memory_limit", "pids_limit", "authz", "oidc", "registry_server", "desired_state", "ready", "restart_count", "last_exit_code",
        "created_at", "started_at", "package", "remote", "tools", "tools_override", "sessions", "mcp_protocols",
    ];

    private static readonly Dictionary<string, JsonValueKind> s_port = new()
    {
        ["containerPort"] = JsonValueKind.Number,
        ["hostPort"] = JsonValueKind.Number,
        ["protocol"] = JsonValueKind.String,
    };

    private static readonly Dictionary<string, JsonValueKind> s_created = new()
    {
        ["name"] = JsonValueKind.String,
        ["port"] = JsonValueKind.Number,
    };

    [Fact]
    public async Task CreateGetList_RunningServer_HaveExactlyTheReferenceShapes()
    {
        var ct = TestContext.Current.CancellationToken;
        var name = ServersApiFixture.UniqueName("shape");

        var created = await fixture.Api.PostAsJsonAsync("api/v1beta/servers", new { image = TestImages.CSharpServer, name }, ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.EndsWith($"/api/v1beta/servers/{name}", created.Headers.Location?.OriginalString, StringComparison.Ordinal);
        AssertShape(await created.Content.ReadFromJsonAsync<JsonElement>(ct), s_created, "create response");

        var info = await fixture.Api.GetFromJsonAsync<JsonElement>($"api/v1beta/servers/{name}", ct);
        AssertContainerInfo(info, "GET /servers/{name}", s_detailsExtras);
        Assert.Matches(@"^http://127\.0\.0\.1:\d+/mcp$", info.GetProperty("url").GetString());
        Assert.True(DateTimeOffset.TryParse(info.GetProperty("created").GetString(), System.Globalization.CultureInfo.InvariantCulture, out _));
        foreach (var label in info.GetProperty("labels").EnumerateObject())
        {
            Assert.Equal(JsonValueKind.String, label.Value.ValueKind);
        }

        var list = await fixture.Api.GetFromJsonAsync<JsonElement>("api/v1beta/servers", ct);
        AssertShape(list, new() { ["servers"] = JsonValueKind.Array }, "GET /servers");
        var listed = Assert.Single(list.GetProperty("servers").EnumerateArray(), s => s.GetProperty("name").GetString() == name);
        AssertContainerInfo(listed, "GET /servers item", []);
        Assert.Equal(info.GetProperty("url").GetString(), listed.GetProperty("url").GetString());
    }

    [Fact]
    public async Task Errors_AreProblemDetailsWithAHumanSentence()
    {
        var response = await fixture.Api.GetAsync("api/v1beta/servers/not-there", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
        Assert.Contains("not-there", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("shed list", problem.GetProperty("hint").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApi_DescribesTheServersApiWithTheReferenceFieldNames()
    {
        var document = await fixture.Api.GetFromJsonAsync<JsonElement>("api/openapi.json", TestContext.Current.CancellationToken);

        Assert.StartsWith("3.1", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/health", "/api/v1beta/version", "/api/v1beta/servers", "/api/v1beta/servers/{name}", "/api/v1beta/servers/{name}/stop", "/api/v1beta/servers/{name}/restart", "/api/v1beta/servers/{name}/logs", "/api/v1beta/registry" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"OpenAPI has no path {path}");
        }

        var schemas = document.GetProperty("components").GetProperty("schemas");
        var request = schemas.GetProperty("CreateServerRequest").GetProperty("properties");
        foreach (var field in new[] { "authz_config", "cmd_arguments", "env_vars", "host", "image", "name", "oidc", "permission_profile", "secrets", "target_port", "transport", "volumes" })
        {
            Assert.True(request.TryGetProperty(field, out _), $"CreateServerRequest has no {field}");
        }

        var info = schemas.GetProperty("ContainerInfo").GetProperty("properties");
        Assert.Equal(s_containerInfo.Keys.Concat(s_infoExtras.Keys).Order(), info.EnumerateObject().Select(p => p.Name).Order());
        var details = schemas.GetProperty("ServerDetails").GetProperty("properties");
        Assert.Equal(s_containerInfo.Keys.Concat(s_infoExtras.Keys).Concat(s_detailsExtras).Order(), details.EnumerateObject().Select(p => p.Name).Order());
        var port = schemas.GetProperty("PortInfo").GetProperty("properties");
        Assert.Equal(s_port.Keys.Order(), port.EnumerateObject().Select(p => p.Name).Order());
    }

    private static void AssertContainerInfo(JsonElement info, string where, IReadOnlyList<string> detailsExtras)
    {
        var seedAndExtras = info.EnumerateObject().Where(p => !detailsExtras.Contains(p.Name)).ToDictionary(p => p.Name, p => p.Value);
        AssertShape(JsonSerializer.SerializeToElement(seedAndExtras), new(s_containerInfo.Concat(s_infoExtras)), where);
        Assert.Equal(detailsExtras.Order(), info.EnumerateObject().Select(p => p.Name).Where(detailsExtras.Contains).Order());
        foreach (var port in info.GetProperty("ports").EnumerateArray())
        {
            AssertShape(port, s_port, where + ".ports[]");
        }
    }

    private static void AssertShape(JsonElement element, Dictionary<string, JsonValueKind> expected, string where)
    {
        Assert.Equal(JsonValueKind.Object, element.ValueKind);
        var actual = element.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind);
        Assert.True(
            expected.Keys.Order().SequenceEqual(actual.Keys.Order()),
            $"{where} has [{string.Join(", ", actual.Keys.Order())}], expected [{string.Join(", ", expected.Keys.Order())}]");
        foreach (var (key, kind) in expected)
        {
            Assert.True(actual[key] == kind, $"{where}.{key} is {actual[key]}, expected {kind}");
        }
    }
}
