using Toolshed.Core.Packages;
using Toolshed.Runtime.Docker.Packages;

namespace Toolshed.Runtime.Docker.Tests.Packages;

public sealed class PackageDockerfileTests
{
    private static readonly PackageBuildSettings s_ca = new(true, []);

    private static readonly PackageSpec s_everything = new()
    {
        Reference = "npx://@modelcontextprotocol/server-everything@2026.8.31",
        Version = "2026.8.31",
        Command = "mcp-server-everything",
    };

    [Fact]
    public void Generate_NpmPackage_InstallsTheExactVersionAndRunsItsCommandUnprivileged()
    {
        var dockerfile = PackageDockerfile.Generate(s_everything, "node:22", "node:22", "b1", s_ca);

        Assert.Contains("FROM node:22 AS install\n", dockerfile, StringComparison.Ordinal);
        Assert.Contains("LABEL toolshed.package.build=\"b1\"\n", dockerfile, StringComparison.Ordinal);
        Assert.Contains("RUN [\"npm\",\"install\",\"--prefix\",\"/opt/toolshed/pkg\",\"--omit=dev\",\"@modelcontextprotocol/server-everything@2026.8.31\"]", dockerfile, StringComparison.Ordinal);
        Assert.Contains("NODE_EXTRA_CA_CERTS=/toolshed-build/ca.crt", dockerfile, StringComparison.Ordinal);
        Assert.Contains("USER 10001:10001\n", dockerfile, StringComparison.Ordinal);
        Assert.EndsWith("ENTRYPOINT [\"/opt/toolshed/pkg/node_modules/.bin/mcp-server-everything\"]\nCMD []\n", dockerfile, StringComparison.Ordinal);
        // The final stage takes only what was installed: nothing of the build directory.
        var final = dockerfile[dockerfile.LastIndexOf("FROM ", StringComparison.Ordinal)..];
        Assert.DoesNotContain("toolshed-build", final, StringComparison.Ordinal);
        Assert.Contains("COPY --from=install /opt/toolshed/pkg /opt/toolshed/pkg", final, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_WithoutCa_TrustsNothingExtra()
    {
        var dockerfile = PackageDockerfile.Generate(s_everything, "node:22", "node:22", "b1", PackageBuildSettings.None);

        Assert.DoesNotContain("ca.crt", dockerfile, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_PythonWithExtras_InstallsIntoAVenv()
    {
        var package = new PackageSpec { Reference = "uvx://mcp-server-x[cli]@1.0", Version = "1.0", Command = "mcp-server-x" };

        var dockerfile = PackageDockerfile.Generate(package, "python:3", "python:3", "b", s_ca);

        Assert.Contains("RUN [\"python3\",\"-m\",\"venv\",\"/opt/toolshed/venv\"]", dockerfile, StringComparison.Ordinal);
        Assert.Contains("RUN [\"/opt/toolshed/venv/bin/pip\",\"install\",\"mcp-server-x[cli]==1.0\"]", dockerfile, StringComparison.Ordinal);
        Assert.Contains("PIP_CERT=/toolshed-build/ca.crt", dockerfile, StringComparison.Ordinal);
        Assert.Contains("ENTRYPOINT [\"/opt/toolshed/venv/bin/mcp-server-x\"]", dockerfile, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_GoModule_BuildsOnTheBuildImageAndRunsOnTheRunImage()
    {
        var package = new PackageSpec { Reference = "go://github.com/org/server/cmd/tool@v1.2.0", Version = "v1.2.0", Command = "tool" };

        var dockerfile = PackageDockerfile.Generate(package, "golang:1.24-alpine", "alpine:3.21", "b", PackageBuildSettings.None);

        Assert.Contains("FROM golang:1.24-alpine AS install\n", dockerfile, StringComparison.Ordinal);
        Assert.Contains("RUN [\"go\",\"install\",\"github.com/org/server/cmd/tool@v1.2.0\"]", dockerfile, StringComparison.Ordinal);
        Assert.Contains("FROM alpine:3.21\nCOPY --from=install /opt/toolshed/bin/tool /opt/toolshed/bin/tool\n", dockerfile, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_LocalSource_CopiesItIntoTheInstallStageOnly()
    {
        var package = new PackageSpec { Reference = "go:///src/echo", Version = "local-0123456789ab", Command = "echo", LocalPath = "/src/echo" };

        var dockerfile = PackageDockerfile.Generate(package, "golang:1", "alpine:3", "b", PackageBuildSettings.None);

        Assert.Contains("COPY toolshed-src/ /toolshed-src/\n", dockerfile, StringComparison.Ordinal);
        Assert.Contains("RUN [\"go\",\"build\",\"-o\",\"/opt/toolshed/bin/echo\",\".\"]", dockerfile, StringComparison.Ordinal);
        Assert.DoesNotContain("toolshed-src", dockerfile[dockerfile.LastIndexOf("FROM ", StringComparison.Ordinal)..], StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_BuildCredentials_PointTheInstallersAtTheirFilesInTheInstallStageOnly()
    {
        var dockerfile = PackageDockerfile.Generate(s_everything, "node:22", "node:22", "b", new PackageBuildSettings(false, ["netrc", "npmrc"]));

        var install = dockerfile[..dockerfile.LastIndexOf("FROM ", StringComparison.Ordinal)];
        Assert.Contains("ENV NETRC=/toolshed-build/netrc NPM_CONFIG_USERCONFIG=/toolshed-build/npmrc\n", install, StringComparison.Ordinal);
        Assert.DoesNotContain("npmrc", dockerfile[install.Length..], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("x\"]\nRUN [\"sh")]
    [InlineData("../../bin/sh")]
    [InlineData("")]
    public void Generate_CommandFromHostileMetadata_IsRefused(string command)
    {
        var package = s_everything with { Command = command };

        Assert.Throws<ArgumentException>(() => PackageDockerfile.Generate(package, "node:22", "node:22", "b", PackageBuildSettings.None));
    }

    [Theory]
    [InlineData("npx://@modelcontextprotocol/server-everything@2026.8.31", "2026.8.31", "toolshed-pkg/npx-modelcontextprotocol-server-everything:2026.8.31")]
    [InlineData("go://github.com/org/Tool@v1.0.0+incompatible", "v1.0.0+incompatible", "toolshed-pkg/go-github.com-org-tool:v1.0.0_incompatible")]
    [InlineData("uvx:///home/me/py-echo", "local-0123456789ab", "toolshed-pkg/uvx-py-echo-local:local-0123456789ab")]
    public void TagFor_IsAValidImageNameFromSchemeNameAndVersion(string reference, string version, string expected) =>
        Assert.Equal(expected, PackageImages.TagFor(new PackageSpec { Reference = reference, Version = version, Command = "x" }));
}
