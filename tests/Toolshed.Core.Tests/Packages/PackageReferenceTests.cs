using Toolshed.Core.Packages;

namespace Toolshed.Core.Tests.Packages;

public sealed class PackageReferenceTests
{
    [Theory]
    [InlineData("npx://@modelcontextprotocol/server-everything@2026.8.31", PackageEcosystem.Npm, "@modelcontextprotocol/server-everything", "2026.8.31")]
    [InlineData("npx://@modelcontextprotocol/server-everything", PackageEcosystem.Npm, "@modelcontextprotocol/server-everything", null)]
    [InlineData("npx://mcp-server-x@latest", PackageEcosystem.Npm, "mcp-server-x", "latest")]
    [InlineData("uvx://mcp-server-fetch@2025.4.7", PackageEcosystem.PyPI, "mcp-server-fetch", "2025.4.7")]
    [InlineData("uvx://Mcp_Server.Time", PackageEcosystem.PyPI, "Mcp_Server.Time", null)]
    [InlineData("go://github.com/org/server/cmd/server@v1.2.0", PackageEcosystem.Go, "github.com/org/server/cmd/server", "v1.2.0")]
    public void Parse_PublishedPackage_SplitsNameAndVersion(string text, PackageEcosystem ecosystem, string name, string? version)
    {
        var reference = PackageReference.Parse(text);

        Assert.Equal(ecosystem, reference.Ecosystem);
        Assert.Equal(name, reference.Name);
        Assert.Equal(version, reference.Version);
        Assert.False(reference.IsLocal);
        Assert.Equal(text, reference.ToString());
    }

    [Fact]
    public void Parse_PyPIExtras_AreKeptAndWrittenBack()
    {
        var reference = PackageReference.Parse("uvx://mcp-server-x[cli,http]@1.0");

        Assert.Equal("mcp-server-x", reference.Name);
        Assert.Equal(["cli", "http"], reference.Extras);
        Assert.Equal("uvx://mcp-server-x[cli,http]@1.0", reference.ToString());
    }

    [Theory]
    [InlineData("npx://./server", "./server")]
    [InlineData("go://../tools/echo", "../tools/echo")]
    [InlineData("uvx:///home/me/py-echo", "/home/me/py-echo")]
    public void Parse_LocalSource_IsLocalWithItsPath(string text, string path)
    {
        var reference = PackageReference.Parse(text);

        Assert.True(reference.IsLocal);
        Assert.Equal(path, reference.Name);
    }

    [Theory]
    [InlineData("docker://x", "npx://, uvx:// or go://")]
    [InlineData("npx://", "1-")]
    [InlineData("npx://Upper/Case", "npm name")]
    [InlineData("npx://a b", "without spaces")]
    [InlineData("npx://x@1.0;rm -rf", "without spaces")]
    [InlineData("npx://x@$(id)", "not a version")]
    [InlineData("uvx://-bad", "PyPI name")]
    [InlineData("uvx://x[a b]", "without spaces")]
    [InlineData("uvx://x[a;b]", "extras")]
    [InlineData("go://notadomain/x", "Go module path")]
    [InlineData("go://example.com/../etc", "Go module path")]
    public void TryParse_Malformed_SaysWhatIsWrong(string text, string expected)
    {
        Assert.False(PackageReference.TryParse(text, out _, out var problem));
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("npx://x", true)]
    [InlineData("uvx://x", true)]
    [InlineData("go://x", true)]
    [InlineData("ghcr.io/org/x:1", false)]
    [InlineData("fetch", false)]
    [InlineData(null, false)]
    public void IsPackage_TellsPackagesFromImages(string? text, bool expected) => Assert.Equal(expected, PackageReference.IsPackage(text));

    [Fact]
    public void Parse_VeryLong_IsRefused() =>
        Assert.Throws<FormatException>(() => PackageReference.Parse("npx://" + new string('a', 600)));
}
