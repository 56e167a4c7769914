using Microsoft.Extensions.Logging.Abstractions;
using Toolshed.Core.Errors;
using Toolshed.Server.Registry;
using Toolshed.Testing;

namespace Toolshed.Server.Tests.Registry;

/// <summary>The parts of <see cref="RegistryService"/> other components call directly: resolution and search.</summary>
public sealed class RegistryServiceTests : IDisposable
{
    private readonly TemporaryDirectory _home = new();
    private readonly RegistryService _service;

    public RegistryServiceTests()
    {
        _service = new RegistryService(TestPaths.In(_home), new NoHttpClientFactory(), NullLogger<RegistryService>.Instance);
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _service.Dispose();
        _home.Dispose();
    }

    [Fact]
    public void TryResolveServer_BareName_ResolvesInDefault()
    {
        Assert.True(_service.TryResolveServer("fetch", out var registry, out var server));
        Assert.Equal("default", registry);
        Assert.Equal("mcp/fetch", server.Image);
    }

    [Fact]
    public async Task TryResolveServer_RegistrySlashServer_ResolvesInThatRegistry()
    {
        await AddTeamAsync();

        Assert.True(_service.TryResolveServer("team/beta", out var registry, out var server));
        Assert.Equal("team", registry);
        Assert.Equal("streamable-http", server.Transport);
        Assert.True(_service.TryResolveServer("default/github", out _, out _));
    }

    [Theory]
    [InlineData("mcp/fetch")]
    [InlineData("mcp/fetch:latest")]
    [InlineData("fetch:1.0")]
    [InlineData("ghcr.io/github/github-mcp-server")]
    [InlineData("alpine@sha256:0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("no-such-server")]
    [InlineData("default/no-such-server")]
    [InlineData("")]
    [InlineData("a/b/c")]
    public void TryResolveServer_ImageReference_ReturnsFalse(string reference)
    {
        Assert.False(_service.TryResolveServer(reference, out var registry, out var server));
        Assert.Null(registry);
        Assert.Null(server);
    }

    [Fact]
    public void Search_ByTool_FindsServer()
    {
        var results = _service.Search("create_pull_request");

        Assert.Contains(results, result => result.Server.Name == "github");
        Assert.DoesNotContain(results, result => result.Server.Name == "time");
    }

    [Fact]
    public void Search_ExactName_RanksFirst()
    {
        var results = _service.Search("GIT");

        Assert.Equal("git", results[0].Server.Name);
        Assert.Contains(results, result => result.Server.Name == "github");
    }

    [Fact]
    public async Task Search_AcrossRegistries_ByTagAndDescription()
    {
        await AddTeamAsync();

        var results = _service.Search("weather");

        var hit = Assert.Single(results);
        Assert.Equal(("team", "alpha"), (hit.RegistryName, hit.Server.Name));
        Assert.Single(_service.Search("Alpha WEATHER service"));
        Assert.Empty(_service.Search("weather nonsense-word"));
    }

    [Fact]
    public void Search_Empty_ListsEverything()
    {
        Assert.Equal(_service.Get("default").ServerCount, _service.Search("  ").Count);
    }

    [Fact]
    public async Task AddAsync_RelativePath_IsStoredAbsolute()
    {
        var path = TestRegistries.WriteFile(_home, "team.json", TestRegistries.Team);
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, path);

        var added = await _service.AddAsync(new RegistrySource { Name = "team", Path = relative }, Token);

        Assert.Equal(path, added.Source!.Path);
    }

    [Fact]
    public async Task RemoveAsync_Default_ThrowsInvalidInput()
    {
        var ex = await Assert.ThrowsAsync<InvalidInputException>(() => _service.RemoveAsync("default", Token));

        Assert.Contains("built-in", ex.Message, StringComparison.Ordinal);
    }

    private Task<RegistryInfo> AddTeamAsync()
    {
        var path = TestRegistries.WriteFile(_home, "team.json", TestRegistries.Team);
        return _service.AddAsync(new RegistrySource { Name = "team", Path = path }, Token);
    }

    private sealed class NoHttpClientFactory : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => throw new InvalidOperationException("These tests add registries from files only.");
    }
}
