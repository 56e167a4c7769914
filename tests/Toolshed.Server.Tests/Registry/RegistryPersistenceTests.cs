using System.Net;
using System.Text;
using System.Text.Json;
using Toolshed.Server.Tests.Support;
using Toolshed.Testing;

namespace Toolshed.Server.Tests.Registry;

/// <summary>Added registries survive a daemon restart; a source that broke meanwhile is kept and reported.</summary>
public sealed class RegistryPersistenceTests : IDisposable
{
    private readonly TemporaryDirectory _home = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _home.Dispose();

    [Fact]
    public async Task AddRegistry_ThenRestart_RegistriesStillListed()
    {
        var paths = TestPaths.In(_home);
        var file = TestRegistries.WriteFile(_home, "team.json", TestRegistries.Team);
        await using var web = await StaticHttpServer.StartAsync(
            new Dictionary<string, (int, string)> { ["/r.json"] = (200, TestRegistries.Team) }, Token);

        await using (var first = await DaemonHost.StartAsync(paths, Token))
        {
            Assert.Equal(HttpStatusCode.Created, await AddAsync(first, $$"""{"name":"team","path":{{JsonSerializer.Serialize(file)}}}"""));
            Assert.Equal(HttpStatusCode.Created, await AddAsync(first, $$"""{"name":"remote","url":"{{web.Url("r.json")}}"}"""));
        }

        await using var second = await DaemonHost.StartAsync(paths, Token);
        var names = await ListNamesAsync(second);

        Assert.Equal(["default", "remote", "team"], names);
        using var server = await second.Client.GetAsync("api/v1beta/registry/remote/servers/beta", Token);
        Assert.Equal(HttpStatusCode.OK, server.StatusCode);
    }

    [Fact]
    public async Task RemoveRegistry_ThenRestart_StaysRemoved()
    {
        var paths = TestPaths.In(_home);
        var file = TestRegistries.WriteFile(_home, "team.json", TestRegistries.Team);
        await using (var first = await DaemonHost.StartAsync(paths, Token))
        {
            await AddAsync(first, $$"""{"name":"team","path":{{JsonSerializer.Serialize(file)}}}""");
            using var removed = await first.Client.DeleteAsync("api/v1beta/registry/team", Token);
            Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        }

        await using var second = await DaemonHost.StartAsync(paths, Token);

        Assert.Equal(["default"], await ListNamesAsync(second));
    }

    [Fact]
    public async Task Restart_SourceFileGone_ServesTheLastGoodCopy()
    {
        var paths = TestPaths.In(_home);
        var file = TestRegistries.WriteFile(_home, "team.json", TestRegistries.Team);
        await using (var first = await DaemonHost.StartAsync(paths, Token))
        {
            await AddAsync(first, $$"""{"name":"team","path":{{JsonSerializer.Serialize(file)}}}""");
        }

        File.Delete(file);
        await using var second = await DaemonHost.StartAsync(paths, Token);

        using var response = await second.Client.GetAsync("api/v1beta/registry/team/servers", Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token)).RootElement.GetProperty("servers").EnumerateArray());
    }

    [Fact]
    public async Task Restart_SourceFileAndCopyGone_DaemonStartsAndReportsRegistry()
    {
        var paths = TestPaths.In(_home);
        var file = TestRegistries.WriteFile(_home, "team.json", TestRegistries.Team);
        await using (var first = await DaemonHost.StartAsync(paths, Token))
        {
            await AddAsync(first, $$"""{"name":"team","path":{{JsonSerializer.Serialize(file)}}}""");
        }

        File.Delete(file);
        Directory.Delete(Path.Combine(paths.StateDirectory, "registry-copies"), recursive: true);
        await using var second = await DaemonHost.StartAsync(paths, Token);

        Assert.Equal(["default", "team"], await ListNamesAsync(second));
        using var response = await second.Client.GetAsync("api/v1beta/registry/team", Token);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token)).RootElement;
        Assert.Contains("could not be loaded", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("shed registry remove team", problem.GetProperty("hint").GetString(), StringComparison.Ordinal);
        using var removed = await second.Client.DeleteAsync("api/v1beta/registry/team", Token);
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
    }

    [Fact]
    public async Task AddRegistry_WritesOwnerOnlyFileWithSource()
    {
        var paths = TestPaths.In(_home);
        var file = TestRegistries.WriteFile(_home, "team.json", TestRegistries.Team);
        await using var daemon = await DaemonHost.StartAsync(paths, Token);

        await AddAsync(daemon, $$"""{"name":"team","path":{{JsonSerializer.Serialize(file)}}}""");

        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(paths.RegistriesPath));
        }

        var stored = JsonDocument.Parse(await File.ReadAllTextAsync(paths.RegistriesPath, Token)).RootElement;
        var entry = Assert.Single(stored.GetProperty("registries").EnumerateArray());
        Assert.Equal("team", entry.GetProperty("name").GetString());
        Assert.Equal(file, entry.GetProperty("path").GetString());
        Assert.Empty(Directory.GetFiles(paths.ConfigDirectory, "*.tmp"));
    }

    [Fact]
    public async Task Start_UnreadableRegistriesFile_StartsWithDefaultAndKeepsFileAside()
    {
        var paths = TestPaths.In(_home);
        paths.EnsureCreated();
        await File.WriteAllTextAsync(paths.RegistriesPath, "{ this is not json", Token);

        await using var daemon = await DaemonHost.StartAsync(paths, Token);

        Assert.Equal(["default"], await ListNamesAsync(daemon));
        Assert.Single(Directory.GetFiles(paths.ConfigDirectory, "registries.json.unreadable-*"));
    }

    private static async Task<HttpStatusCode> AddAsync(DaemonHost daemon, string json)
    {
        using var response = await daemon.Client.PostAsync(
            "api/v1beta/registry", new StringContent(json, Encoding.UTF8, "application/json"), Token);
        return response.StatusCode;
    }

    private static async Task<List<string?>> ListNamesAsync(DaemonHost daemon)
    {
        var body = JsonDocument.Parse(await daemon.Client.GetStringAsync("api/v1beta/registry", Token)).RootElement;
        return body.GetProperty("registries").EnumerateArray().Select(r => r.GetProperty("name").GetString()).ToList();
    }
}
