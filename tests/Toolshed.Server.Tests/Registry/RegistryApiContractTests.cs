using System.Net;
using System.Text;
using System.Text.Json;
using Toolshed.Server.Tests.Support;
using Toolshed.Testing;

namespace Toolshed.Server.Tests.Registry;

/// <summary>Every registry endpoint over real HTTP against a real daemon: field names, JSON types, status codes.</summary>
public sealed class RegistryApiContractTests : IAsyncLifetime
{
    private readonly TemporaryDirectory _home = new();
    private DaemonHost _daemon = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _daemon = await DaemonHost.StartAsync(TestPaths.In(_home), Token);

    public async ValueTask DisposeAsync()
    {
        await _daemon.DisposeAsync();
        _home.Dispose();
    }

    [Fact]
    public async Task ListRegistries_Fresh_ReturnsDefaultWithSummaryFields()
    {
        var (status, body) = await GetAsync("api/v1beta/registry");

        Assert.Equal(HttpStatusCode.OK, status);
        JsonShape.AssertObject(body, new() { ["registries"] = JsonShape.JArray }, "body");
        var registry = Assert.Single(body.GetProperty("registries").EnumerateArray());
        JsonShape.AssertObject(registry, RegistryShapes.Summary, "registries[0]");
        Assert.Equal("default", registry.GetProperty("name").GetString());
        Assert.True(registry.GetProperty("server_count").GetInt32() >= 30);
    }

    [Fact]
    public async Task GetRegistry_Default_ReturnsReferenceShape()
    {
        var (status, body) = await GetAsync("api/v1beta/registry/default");

        Assert.Equal(HttpStatusCode.OK, status);
        JsonShape.AssertObject(body, RegistryShapes.Info, "body");
        var document = body.GetProperty("registry");
        JsonShape.AssertObject(document, RegistryShapes.Document, "registry");
        var servers = document.GetProperty("servers").EnumerateObject().ToList();
        Assert.Equal(body.GetProperty("server_count").GetInt32(), servers.Count);
        Assert.All(servers, server =>
        {
            RegistryShapes.AssertServer(server.Value, $"servers.{server.Name}");
            Assert.Equal(server.Name, server.Value.GetProperty("name").GetString());
        });
        Assert.Equal(document.GetProperty("version").GetString(), body.GetProperty("version").GetString());
    }

    [Fact]
    public async Task GetRegistry_Unknown_Returns404Problem()
    {
        var (status, body, contentType) = await SendAsync(HttpMethod.Get, "api/v1beta/registry/nope");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("application/problem+json", contentType);
        RegistryShapes.AssertProblem(body, 404);
        Assert.Contains("nope", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("shed registry list", body.GetProperty("hint").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListServers_Default_ReturnsEveryServerWithAllFields()
    {
        var (status, body) = await GetAsync("api/v1beta/registry/default/servers");

        Assert.Equal(HttpStatusCode.OK, status);
        JsonShape.AssertObject(body, new() { ["servers"] = JsonShape.JArray }, "body");
        var servers = body.GetProperty("servers").EnumerateArray().ToList();
        Assert.True(servers.Count >= 30);
        Assert.All(servers, server => RegistryShapes.AssertServer(server, server.GetProperty("name").GetString()!));
    }

    [Fact]
    public async Task ListServers_UnknownRegistry_Returns404()
    {
        var (status, body) = await GetAsync("api/v1beta/registry/nope/servers");

        Assert.Equal(HttpStatusCode.NotFound, status);
        RegistryShapes.AssertProblem(body, 404);
    }

    [Fact]
    public async Task GetServer_Known_ReturnsServerObject()
    {
        var (status, body) = await GetAsync("api/v1beta/registry/default/servers/github");

        Assert.Equal(HttpStatusCode.OK, status);
        JsonShape.AssertObject(body, new() { ["server"] = JsonShape.JObject }, "body");
        var server = body.GetProperty("server");
        RegistryShapes.AssertServer(server, "server");
        Assert.Equal("ghcr.io/github/github-mcp-server", server.GetProperty("image").GetString());
        Assert.Contains(server.GetProperty("env_vars").EnumerateArray(), envVar =>
            envVar.GetProperty("name").GetString() == "GITHUB_PERSONAL_ACCESS_TOKEN"
            && envVar.GetProperty("required").GetBoolean()
            && envVar.GetProperty("secret").GetBoolean());
    }

    [Fact]
    public async Task GetServer_UnknownServer_Returns404SayingWhichAndHowToList()
    {
        var (status, body) = await GetAsync("api/v1beta/registry/default/servers/no-such-server");

        Assert.Equal(HttpStatusCode.NotFound, status);
        RegistryShapes.AssertProblem(body, 404);
        Assert.Contains("no-such-server", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("/api/v1beta/registry/default/servers", body.GetProperty("hint").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetServer_UnknownRegistry_Returns404SayingRegistry()
    {
        var (status, body) = await GetAsync("api/v1beta/registry/nope/servers/fetch");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("registry named 'nope'", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddRegistry_FromPath_Returns201WithSummaryAndLocation()
    {
        var path = TestRegistries.WriteFile(_home, "team.json", TestRegistries.Team);

        using var response = await PostAsync(Json(new { name = "team", path }));
        var body = await ReadAsync(response);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/api/v1beta/registry/team", response.Headers.Location?.OriginalString);
        JsonShape.AssertObject(body, RegistryShapes.Summary, "body");
        Assert.Equal("team", body.GetProperty("name").GetString());
        Assert.Equal("7", body.GetProperty("version").GetString());
        Assert.Equal(2, body.GetProperty("server_count").GetInt32());

        var (status, server) = await GetAsync("api/v1beta/registry/team/servers/alpha");
        Assert.Equal(HttpStatusCode.OK, status);
        RegistryShapes.AssertServer(server.GetProperty("server"), "server");
        var env = Assert.Single(server.GetProperty("server").GetProperty("env_vars").EnumerateArray());
        JsonShape.AssertObject(env, RegistryShapes.EnvVar, "env_vars[0]");
    }

    [Fact]
    public async Task AddRegistry_FromUrl_Returns201AndServesItsServers()
    {
        await using var web = await StaticHttpServer.StartAsync(
            new Dictionary<string, (int, string)> { ["/registry.json"] = (200, TestRegistries.Team) }, Token);

        using var response = await PostAsync(Json(new { name = "remote", url = web.Url("registry.json").ToString() }));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var (status, body) = await GetAsync("api/v1beta/registry/remote/servers");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["alpha", "beta"], body.GetProperty("servers").EnumerateArray().Select(s => s.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task AddRegistry_UrlAnswering404_Returns400SayingStatus()
    {
        await using var web = await StaticHttpServer.StartAsync(
            new Dictionary<string, (int, string)> { ["/gone.json"] = (404, "{}") }, Token);

        using var response = await PostAsync(Json(new { name = "remote", url = web.Url("gone.json").ToString() }));
        var body = await ReadAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("404", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("url", body.GetProperty("field").GetString());
    }

    [Fact]
    public async Task AddRegistry_InvalidFile_Returns400NamingThePathNotTheContent()
    {
        var path = TestRegistries.WriteFile(_home, "broken.json", TestRegistries.BrokenImage);

        using var response = await PostAsync(Json(new { name = "broken", path }));
        var body = await ReadAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        RegistryShapes.AssertProblem(body, 400);
        // The daemon read the file for the caller: its errors say which file, never what it holds.
        Assert.Equal("path", body.GetProperty("field").GetString());
        Assert.Contains(path, body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("gamma", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var (_, list) = await GetAsync("api/v1beta/registry");
        Assert.Single(list.GetProperty("registries").EnumerateArray());
    }

    [Fact]
    public async Task AddRegistry_MalformedFile_Returns400WithLine()
    {
        var path = TestRegistries.WriteFile(_home, "bad.json", "{\n\"servers\": {,}\n}");

        using var response = await PostAsync(Json(new { name = "bad", path }));
        var body = await ReadAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("line 2", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"name":"x"}""", "path")]
    [InlineData("""{"name":"x","path":"/tmp/a.json","url":"https://example.com/r.json"}""", "url")]
    [InlineData("""{"name":"bad name","path":"/tmp/a.json"}""", "name")]
    [InlineData("""{"path":"/tmp/a.json"}""", "name")]
    [InlineData("""{"name":"x","url":"ftp://example.com/r.json"}""", "url")]
    [InlineData("""{"name":"x","path":"/definitely/not/here.json"}""", "path")]
    public async Task AddRegistry_BadRequest_Returns400NamingField(string json, string field)
    {
        using var response = await PostAsync(json);
        var body = await ReadAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        RegistryShapes.AssertProblem(body, 400);
        Assert.Equal(field, body.GetProperty("field").GetString());
    }

    [Fact]
    public async Task AddRegistry_NotJson_Returns400()
    {
        using var response = await PostAsync("{not json");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("team")]
    [InlineData("default")]
    [InlineData("DEFAULT")]
    public async Task AddRegistry_NameTaken_Returns409(string name)
    {
        var path = TestRegistries.WriteFile(_home, "team.json", TestRegistries.Team);
        using var first = await PostAsync(Json(new { name = "team", path }));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        using var second = await PostAsync(Json(new { name, path }));
        var body = await ReadAsync(second);

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        RegistryShapes.AssertProblem(body, 409);
    }

    [Fact]
    public async Task RemoveRegistry_Added_Returns204AndIsGone()
    {
        var path = TestRegistries.WriteFile(_home, "team.json", TestRegistries.Team);
        using var added = await PostAsync(Json(new { name = "team", path }));

        var (status, _, _) = await SendAsync(HttpMethod.Delete, "api/v1beta/registry/team");

        Assert.Equal(HttpStatusCode.NoContent, status);
        var (after, _) = await GetAsync("api/v1beta/registry/team");
        Assert.Equal(HttpStatusCode.NotFound, after);
    }

    [Fact]
    public async Task RemoveRegistry_Unknown_Returns404()
    {
        var (status, body, _) = await SendAsync(HttpMethod.Delete, "api/v1beta/registry/nope");

        Assert.Equal(HttpStatusCode.NotFound, status);
        RegistryShapes.AssertProblem(body, 404);
    }

    [Fact]
    public async Task RemoveRegistry_Default_Returns400SayingWhy()
    {
        var (status, body, _) = await SendAsync(HttpMethod.Delete, "api/v1beta/registry/default");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        RegistryShapes.AssertProblem(body, 400);
        Assert.Contains("built-in", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApi_Document_DescribesRegistryEndpointsWithReferenceFieldNames()
    {
        var (status, body) = await GetAsync("api/openapi.json");

        Assert.Equal(HttpStatusCode.OK, status);
        var paths = body.GetProperty("paths");
        foreach (var path in new[]
        {
            "/api/v1beta/registry", "/api/v1beta/registry/{name}", "/api/v1beta/registry/{name}/servers",
            "/api/v1beta/registry/{name}/servers/{serverName}",
        })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"OpenAPI has no {path}.");
        }

        Assert.True(paths.GetProperty("/api/v1beta/registry").TryGetProperty("post", out var post));
        Assert.True(post.GetProperty("responses").TryGetProperty("409", out _));
        Assert.Equal("registry", post.GetProperty("tags")[0].GetString());
        var schemas = body.GetProperty("components").GetProperty("schemas");
        var server = schemas.GetProperty("RegistryServer").GetProperty("properties");
        foreach (var key in RegistryShapes.Server.Keys)
        {
            Assert.True(server.TryGetProperty(key, out _), $"The RegistryServer schema has no '{key}'.");
        }
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(string path)
    {
        var (status, body, _) = await SendAsync(HttpMethod.Get, path);
        return (status, body);
    }

    private async Task<(HttpStatusCode Status, JsonElement Body, string? ContentType)> SendAsync(HttpMethod method, string path)
    {
        using var request = new HttpRequestMessage(method, path);
        using var response = await _daemon.Client.SendAsync(request, Token);
        return (response.StatusCode, await ReadAsync(response), response.Content.Headers.ContentType?.MediaType);
    }

    private async Task<HttpResponseMessage> PostAsync(string json) =>
        await _daemon.Client.PostAsync("api/v1beta/registry", new StringContent(json, Encoding.UTF8, "application/json"), Token);

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(Token);
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);
}
