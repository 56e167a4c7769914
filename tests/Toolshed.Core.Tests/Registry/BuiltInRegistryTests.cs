using Toolshed.Core.Registry;
using Toolshed.Core.Workloads;

namespace Toolshed.Core.Tests.Registry;

public sealed class BuiltInRegistryTests
{
    [Fact]
    public void Load_EmbeddedCatalog_HasAtLeastThirtyCompleteServers()
    {
        var document = BuiltInRegistry.Load();

        Assert.True(document.Servers.Count >= 30, $"Only {document.Servers.Count} servers in the built-in catalog.");
        Assert.NotEmpty(document.Version);
        Assert.NotEmpty(document.LastUpdated);
        Assert.All(document.Servers, pair =>
        {
            var (name, server) = pair;
            Assert.Equal(name, server.Name);
            Assert.False(string.IsNullOrWhiteSpace(server.Image), $"{name}: image");
            Assert.True(McpTransportNames.TryParse(server.Transport, out _), $"{name}: transport");
            Assert.False(string.IsNullOrWhiteSpace(server.Description), $"{name}: description");
            Assert.NotEmpty(server.Tools);
            Assert.StartsWith("https://", server.RepositoryUrl, StringComparison.Ordinal);
        });
    }

    [Theory]
    [InlineData("fetch", "mcp/fetch")]
    [InlineData("github", "ghcr.io/github/github-mcp-server")]
    [InlineData("filesystem", "mcp/filesystem")]
    [InlineData("time", "mcp/time")]
    public void Load_WellKnownServer_HasPublishedImage(string name, string image)
    {
        Assert.Equal(image, BuiltInRegistry.Load().Servers[name].Image);
    }

    [Fact]
    public void Load_GitHub_RequiresSecretToken()
    {
        var token = Assert.Single(BuiltInRegistry.Load().Servers["github"].EnvVars,
            envVar => envVar.Name == "GITHUB_PERSONAL_ACCESS_TOKEN");

        Assert.True(token.Required);
        Assert.True(token.Secret);
    }

    [Fact]
    public void Load_HttpServers_HaveTargetPort()
    {
        var http = BuiltInRegistry.Load().Servers.Values.Where(server => server.Transport != McpTransportNames.Stdio).ToList();

        Assert.NotEmpty(http);
        Assert.All(http, server => Assert.InRange(server.TargetPort, 1, 65535));
    }

    [Fact]
    public void Load_LocalOnlyServers_HaveNoNetwork()
    {
        var time = BuiltInRegistry.Load().Servers["time"].Permissions.Network.Outbound;

        Assert.False(time.InsecureAllowAll);
        Assert.Empty(time.AllowHost);
    }

    [Fact]
    public void Load_PackageEntries_AreValidReferencesAndNpmOnesPinned()
    {
        var packages = BuiltInRegistry.Load().Servers.Values.Where(server => Toolshed.Core.Packages.PackageReference.IsPackage(server.Image)).ToList();

        Assert.True(packages.Count >= 8, $"Only {packages.Count} package entries in the built-in catalog.");
        Assert.All(packages, server =>
        {
            var reference = Toolshed.Core.Packages.PackageReference.Parse(server.Image);
            Assert.False(reference.IsLocal);
            Assert.True(reference.Ecosystem != Toolshed.Core.Packages.PackageEcosystem.Npm || reference.Version is not null, server.Name);
        });
    }
}
