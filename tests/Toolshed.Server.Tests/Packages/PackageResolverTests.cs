using System.Net;
using System.Text;
using Toolshed.Core.Errors;
using Toolshed.Server.Packages;
using Toolshed.Testing;

namespace Toolshed.Server.Tests.Packages;

/// <summary>
/// The resolver's side of the registry protocols, against canned answers (the URLs it asks, what it reads back).
/// npm is also resolved for real by the end-to-end package tests; PyPI and the Go proxy are unreachable from the test
/// machines, so this is where their protocol is checked.
/// </summary>
public sealed class PackageResolverTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Npm_Unpinned_AsksForLatestWithTheScopeEscapedAndPinsIt()
    {
        var registry = new CannedRegistry(("/%40org%2Fserver-x/latest", """{"name":"@org/server-x","version":"1.4.2","bin":{"server-x":"dist/index.js"}}"""));

        var package = await Resolver(registry).ResolveAsync("npx://@org/server-x", null, Token);

        Assert.Equal("npx://@org/server-x@1.4.2", package.Reference);
        Assert.Equal("1.4.2", package.Version);
        Assert.Equal("server-x", package.Command);
    }

    [Theory]
    [InlineData("""{"version":"1.0.0","bin":"cli.js"}""", "server-x")]
    [InlineData("""{"version":"1.0.0","bin":{"only-one":"a.js"}}""", "only-one")]
    [InlineData("""{"version":"1.0.0","bin":{"other":"a.js","server-x":"b.js"}}""", "server-x")]
    public async Task Npm_Bin_PicksTheCommandAsNpxDoes(string manifest, string expected)
    {
        var registry = new CannedRegistry(("/%40org%2Fserver-x/1.0.0", manifest));

        var package = await Resolver(registry).ResolveAsync("npx://@org/server-x@1.0.0", null, Token);

        Assert.Equal(expected, package.Command);
    }

    [Theory]
    [InlineData("""{"version":"1.0.0"}""", "no command to run")]
    [InlineData("""{"version":"1.0.0","bin":{"a":"a.js","b":"b.js"}}""", "several commands (a, b)")]
    public async Task Npm_NoUsableBin_IsA400SayingWhy(string manifest, string expected)
    {
        var registry = new CannedRegistry(("/x/1.0.0", manifest));

        var error = await Assert.ThrowsAsync<InvalidInputException>(() => Resolver(registry).ResolveAsync("npx://x@1.0.0", null, Token));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Equal("image", error.Field);
    }

    [Fact]
    public async Task Npm_UnknownPackage_IsA400NamingIt()
    {
        var error = await Assert.ThrowsAsync<InvalidInputException>(() => Resolver(new CannedRegistry()).ResolveAsync("npx://no-such-package-x", null, Token));

        Assert.Contains("npm has no package named no-such-package-x", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Npm_RegistryError_IsAPackageSourceErrorNotA400()
    {
        var registry = new CannedRegistry { Status = HttpStatusCode.ServiceUnavailable };

        var error = await Assert.ThrowsAsync<PackageSourceException>(() => Resolver(registry).ResolveAsync("npx://x", null, Token));

        Assert.Contains("503", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Npm_HugeManifest_IsRefusedUnread()
    {
        var registry = new CannedRegistry(("/x/latest", "{\"version\":\"1\",\"pad\":\"" + new string('a', 2 * 1024 * 1024) + "\"}"));
        var resolver = new PackageResolver(new HttpClient(registry), new PackageSourceOptions { NpmRegistry = CannedRegistry.Base, MaxDocumentBytes = 1024 * 1024 });

        var error = await Assert.ThrowsAsync<PackageSourceException>(() => resolver.ResolveAsync("npx://x", null, Token));

        Assert.Contains("larger than 1 MiB", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PyPI_Unpinned_ReadsInfoVersionAndRunsTheProjectsName()
    {
        var registry = new CannedRegistry(("/pypi/mcp-server-fetch/json", """{"info":{"name":"mcp-server-fetch","version":"2025.4.7"}}"""));

        var package = await Resolver(registry).ResolveAsync("uvx://mcp-server-fetch", null, Token);

        Assert.Equal("uvx://mcp-server-fetch@2025.4.7", package.Reference);
        Assert.Equal("mcp-server-fetch", package.Command);
    }

    [Fact]
    public async Task Go_Unpinned_AsksLatestWithUppercaseEscapedAndNamesTheBinaryAfterThePath()
    {
        var registry = new CannedRegistry(("/github.com/!org/server/cmd/tool/@latest", """{"Version":"v1.2.0","Time":"2026-01-01T00:00:00Z"}"""));

        var package = await Resolver(registry).ResolveAsync("go://github.com/Org/server/cmd/tool", null, Token);

        Assert.Equal("go://github.com/Org/server/cmd/tool@v1.2.0", package.Reference);
        Assert.Equal("tool", package.Command);
    }

    [Fact]
    public async Task Go_MajorVersionSuffix_IsNotTheBinaryName()
    {
        var registry = new CannedRegistry(("/example.com/tool/v2/@v/v2.0.1.info", """{"Version":"v2.0.1"}"""));

        var package = await Resolver(registry).ResolveAsync("go://example.com/tool/v2@v2.0.1", null, Token);

        Assert.Equal("tool", package.Command);
    }

    [Fact]
    public async Task Local_RelativePath_IsRefusedWithHowToSayIt()
    {
        var error = await Assert.ThrowsAsync<InvalidInputException>(() => Resolver(new CannedRegistry()).ResolveAsync("go://./echo", null, Token));

        Assert.Contains("absolute path", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Local_GoModule_GetsAVersionFromItsFilesAndItsModulesName()
    {
        using var directory = new TemporaryDirectory();
        await File.WriteAllTextAsync(Path.Combine(directory.Path, "go.mod"), "module example.com/mcp-echo-go\n\ngo 1.19\n", Token);
        await File.WriteAllTextAsync(Path.Combine(directory.Path, "main.go"), "package main\n", Token);
        var resolver = Resolver(new CannedRegistry());

        var first = await resolver.ResolveAsync($"go://{directory.Path}", null, Token);
        await File.WriteAllTextAsync(Path.Combine(directory.Path, "main.go"), "package main // changed\n", Token);
        var second = await resolver.ResolveAsync($"go://{directory.Path}", null, Token);

        Assert.Equal("mcp-echo-go", first.Command);
        Assert.Equal(directory.Path, first.LocalPath);
        Assert.StartsWith("local-", first.Version, StringComparison.Ordinal);
        Assert.NotEqual(first.Version, second.Version);
    }

    [Fact]
    public async Task Local_SourceHoldingAFifo_LeavesItOutInsteadOfWaitingOnIt()
    {
        using var directory = new TemporaryDirectory();
        await File.WriteAllTextAsync(Path.Combine(directory.Path, "go.mod"), "module example.com/fifo\n", Token);
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", Path.Combine(directory.Path, "pipe"))!)
        {
            await mkfifo.WaitForExitAsync(Token);
            Assert.Equal(0, mkfifo.ExitCode);
        }

        var package = await Resolver(new CannedRegistry()).ResolveAsync($"go://{directory.Path}", null, Token).WaitAsync(TimeSpan.FromSeconds(30), Token);

        Assert.Equal("fifo", package.Command);
        Assert.DoesNotContain(Toolshed.Core.Packages.LocalSourceTree.Files(directory.Path), f => f.RelativePath == "pipe");
    }

    private static PackageResolver Resolver(CannedRegistry registry) => new(
        new HttpClient(registry),
        new PackageSourceOptions { NpmRegistry = CannedRegistry.Base, PyPIIndex = CannedRegistry.Base, GoProxy = CannedRegistry.Base });

    /// <summary>Answers the paths it was given with their JSON, anything else with 404 (or every request with <see cref="Status"/>).</summary>
    private sealed class CannedRegistry(params (string Path, string Json)[] answers) : HttpMessageHandler
    {
        public static readonly Uri Base = new("https://registry.test/");

        public HttpStatusCode? Status { get; init; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (Status is { } status)
            {
                return Task.FromResult(new HttpResponseMessage(status));
            }

            var path = request.RequestUri!.AbsolutePath;
            var match = answers.FirstOrDefault(a => a.Path == path);
            return Task.FromResult(match.Json is null
                ? new HttpResponseMessage(HttpStatusCode.NotFound)
                : new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(match.Json, Encoding.UTF8, "application/json") });
        }
    }
}
