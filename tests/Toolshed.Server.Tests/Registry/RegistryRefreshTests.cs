using Microsoft.Extensions.Logging.Abstractions;
using Toolshed.Server.Registry;
using Toolshed.Testing;

namespace Toolshed.Server.Tests.Registry;

/// <summary>Added registries read again, and their last good copy served when their source fails.</summary>
public sealed class RegistryRefreshTests : IDisposable
{
    private readonly TemporaryDirectory _home = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private string File => Path.Combine(_home.Path, "servers.json");

    public void Dispose() => _home.Dispose();

    [Fact]
    public async Task Refresh_SourceChanged_ServesTheNewEntries()
    {
        using var service = Service();
        await WriteAsync("alpha");
        await service.AddAsync(new RegistrySource { Name = "mcp", Path = File }, Token);

        await WriteAsync("alpha", "beta");
        await service.RefreshAsync(Token);

        Assert.Equal(["alpha", "beta"], service.Get("mcp").Document.Servers.Keys.Order());
    }

    [Fact]
    public async Task Refresh_SourceGone_KeepsWhatItServed()
    {
        using var service = Service();
        await WriteAsync("alpha");
        await service.AddAsync(new RegistrySource { Name = "mcp", Path = File }, Token);

        System.IO.File.Delete(File);
        await service.RefreshAsync(Token);

        Assert.Equal(["alpha"], service.Get("mcp").Document.Servers.Keys);
    }

    [Fact]
    public async Task Start_SourceGone_ServesTheLastGoodCopyWithAWarning()
    {
        using (var first = Service())
        {
            await WriteAsync("alpha", "beta");
            await first.AddAsync(new RegistrySource { Name = "mcp", Path = File }, Token);
        }

        System.IO.File.Delete(File);
        using var restarted = Service();
        await restarted.InitializeAsync(Token);

        var registry = restarted.Get("mcp");
        Assert.True(registry.IsAvailable);
        Assert.Equal(["alpha", "beta"], registry.Document.Servers.Keys.Order());
        Assert.Contains("serving the copy loaded at", Assert.Single(registry.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Remove_ForgetsTheCopyToo()
    {
        using (var first = Service())
        {
            await WriteAsync("alpha");
            await first.AddAsync(new RegistrySource { Name = "mcp", Path = File }, Token);
            await first.RemoveAsync("mcp", Token);
            await first.AddAsync(new RegistrySource { Name = "mcp", Path = File }, Token);
            await first.RemoveAsync("mcp", Token);
        }

        Assert.Empty(Directory.EnumerateFiles(Path.Combine(TestPaths.In(_home).StateDirectory, "registry-copies")));
    }

    private RegistryService Service() => new(TestPaths.In(_home), new UnusedHttpClientFactory(), NullLogger<RegistryService>.Instance);

    /// <summary>An MCP Registry server.json array with one npm package per name.</summary>
    private Task WriteAsync(params string[] names) => System.IO.File.WriteAllTextAsync(File, "[" + string.Join(",", names.Select(name =>
        $$"""{"name":"io.test/{{name}}","packages":[{"registryType":"npm","identifier":"{{name}}-mcp","version":"1.0.0"}]}""")) + "]", Token);
}
