using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ModelContextProtocol.Protocol;
using Toolshed.EndToEnd.Tests.Images;
using Toolshed.EndToEnd.Tests.Servers;
using Toolshed.Testing;

namespace Toolshed.EndToEnd.Tests.Packages;

/// <summary>
/// Package workloads for real: the npm reference server built from the npm registry at a pinned version, and local Go
/// and Python sources built with their toolchains, each on the test base image (Node 22, Debian's Python and Go; the
/// official images cannot be pulled here), run by the real engine and called through /mcp.
/// </summary>
public sealed class PackageWorkloadTests(ServersApiFixture fixture) : IClassFixture<ServersApiFixture>
{
    private const string Everything = "npx://@modelcontextprotocol/server-everything@2026.8.31";
    private const string EverythingImage = "toolshed-pkg/npx-modelcontextprotocol-server-everything:2026.8.31";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Npx_PinnedPackage_BuildsRunsIsReusedAndRebuilds()
    {
        var first = await PullStreamReader.PullAsync(fixture.Api, new { image = Everything, runtime_image = TestImages.PackageBase });

        Assert.True(first.Response.StatusCode == HttpStatusCode.OK, first.Body);
        Assert.Equal("done", first.Lines[^1].Text("status"));
        Assert.Equal(Everything, first.Lines[^1].Text("image"));
        var firstId = await ImageIdAsync(EverythingImage);

        var name = ServersApiFixture.UniqueName("npx");
        var created = await fixture.Api.PostAsJsonAsync(
            "api/v1beta/servers", new { image = Everything, runtime_image = TestImages.PackageBase, name }, Token);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.True(created.StatusCode == HttpStatusCode.Created, body.ToString());
        try
        {
            await using (var client = await McpProbe.ConnectAsync(body.GetProperty("port").GetInt32()))
            {
                Assert.Contains("from npm", await McpProbe.EchoAsync(client, "from npm"), StringComparison.Ordinal);
            }

            var details = await fixture.Api.GetFromJsonAsync<JsonElement>($"api/v1beta/servers/{name}", Token);
            var package = details.GetProperty("package");
            Assert.Equal("2026.8.31", package.GetProperty("version").GetString());
            Assert.Equal("mcp-server-everything", package.GetProperty("command").GetString());
            Assert.Equal(EverythingImage, package.GetProperty("built_image").GetString());
            Assert.Equal("10001:10001", (await DockerCli.RunAsync("image", "inspect", "-f", "{{.Config.User}}", EverythingImage)).Trim());
        }
        finally
        {
            await fixture.Api.DeleteAsync($"api/v1beta/servers/{name}", Token);
        }

        var second = await PullStreamReader.PullAsync(fixture.Api, new { image = Everything, runtime_image = TestImages.PackageBase });
        Assert.Contains(second.Lines, line => line.Text("status")?.StartsWith("Using " + EverythingImage, StringComparison.Ordinal) == true);
        Assert.DoesNotContain(second.Lines, line => line.Text("status")?.StartsWith("Step ", StringComparison.Ordinal) == true);
        Assert.Equal(firstId, await ImageIdAsync(EverythingImage));

        var rebuilt = await PullStreamReader.PullAsync(fixture.Api, new { image = Everything, runtime_image = TestImages.PackageBase, rebuild = true });
        Assert.Equal("done", rebuilt.Lines[^1].Text("status"));
        Assert.Contains(rebuilt.Lines, line => line.Text("status")?.StartsWith("Step ", StringComparison.Ordinal) == true);
        Assert.NotEqual(firstId, await ImageIdAsync(EverythingImage));
        // Nothing of the rebuild's install stage stays on the engine (other tests' builds may be under way: its own only).
        Assert.Equal("", await InstallStageImagesAsync(EverythingImage));
        // The image the rebuild replaced is gone, not left dangling.
        Assert.NotEqual(0, await DockerCli.TryAsync("image", "inspect", firstId));
    }

    [Fact]
    public async Task Npx_UnknownPackage_Is400NamingItAndLeavesNothing()
    {
        var name = ServersApiFixture.UniqueName("nopkg");

        var created = await fixture.Api.PostAsJsonAsync(
            "api/v1beta/servers", new { image = "npx://@toolshed-test/no-such-package-zz9", runtime_image = TestImages.PackageBase, name }, Token);

        var body = await created.Content.ReadAsStringAsync(Token);
        Assert.True(created.StatusCode == HttpStatusCode.BadRequest, body);
        Assert.Contains("npm has no package named @toolshed-test/no-such-package-zz9", body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Api.GetAsync($"api/v1beta/servers/{name}", Token)).StatusCode);
        Assert.Empty(await fixture.OwnContainersAsync(name));
        Assert.Equal("", (await DockerCli.RunAsync("images", "-q", "toolshed-pkg/npx-toolshed-test-no-such-package-zz9")).Trim());
    }

    [Theory]
    [InlineData("go", "go-echo", "go says: hi")]
    [InlineData("uvx", "py-echo", "python says: hi")]
    [InlineData("npx", "npm-echo", "node says: hi")]
    public async Task LocalSource_BuildsWithItsToolchainAndAnswers(string scheme, string directory, string expected)
    {
        var source = RepositoryPaths.Combine("tests", "packages", directory);
        var name = ServersApiFixture.UniqueName(scheme + "local");

        var created = await fixture.Api.PostAsJsonAsync(
            "api/v1beta/servers", new { image = $"{scheme}://{source}", runtime_image = TestImages.PackageBase, name }, Token);

        var body = await created.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.True(created.StatusCode == HttpStatusCode.Created, body.ToString());
        try
        {
            await using var client = await McpProbe.ConnectAsync(body.GetProperty("port").GetInt32());
            var result = await client.CallToolAsync("echo", new Dictionary<string, object?> { ["message"] = "hi" }, cancellationToken: Token);
            Assert.Equal(expected, Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text);
            var details = await fixture.Api.GetFromJsonAsync<JsonElement>($"api/v1beta/servers/{name}", Token);
            Assert.StartsWith("local-", details.GetProperty("package").GetProperty("version").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            await fixture.Api.DeleteAsync($"api/v1beta/servers/{name}", Token);
        }
    }

    [Fact]
    public async Task BuildSecret_ReachesTheInstallerButNoLayerLabelHistoryOrLeftoverImage()
    {
        var secret = ServersApiFixture.UniqueName("netrc");
        var marker = "toolshed-marker-" + Guid.NewGuid().ToString("N");
        var stored = await fixture.Api.PutAsJsonAsync($"api/v1beta/secrets/{secret}", new { value = $"machine example.invalid login x password {marker}\n" }, Token);
        Assert.Equal(HttpStatusCode.NoContent, stored.StatusCode);
        var source = RepositoryPaths.Combine("tests", "packages", "go-echo");

        var built = await PullStreamReader.PullAsync(fixture.Api, new
        {
            image = $"go://{source}",
            runtime_image = TestImages.PackageBase,
            rebuild = true,
            build_secrets = new[] { new { name = secret, target = "netrc" } },
        });

        Assert.Equal("done", built.Lines[^1].Text("status"));
        Assert.DoesNotContain(marker, built.Body, StringComparison.Ordinal);
        var image = (await DockerCli.RunAsync("images", "--format", "{{.Repository}}:{{.Tag}}", "toolshed-pkg/go-go-echo-local")).Trim().Split('\n')[0];
        Assert.DoesNotContain(marker, await DockerCli.RunAsync("history", "--no-trunc", image), StringComparison.Ordinal);
        Assert.DoesNotContain(marker, await DockerCli.RunAsync("image", "inspect", image), StringComparison.Ordinal);
        Assert.Equal("", await InstallStageImagesAsync(image));
        // Every byte of the image's layers: the file the installer read is in none of them.
        var archive = Path.Combine(fixture.Home, "image.tar");
        await DockerCli.RunAsync("save", "-o", archive, image);
        try
        {
            Assert.False(await ContainsAsync(archive, System.Text.Encoding.UTF8.GetBytes(marker)));
        }
        finally
        {
            File.Delete(archive);
        }
    }

    private static async Task<bool> ContainsAsync(string path, byte[] needle)
    {
        await using var file = File.OpenRead(path);
        var buffer = new byte[1 << 20];
        var carry = 0;
        int read;
        while ((read = await file.ReadAsync(buffer.AsMemory(carry), Token)) > 0)
        {
            var filled = carry + read;
            if (buffer.AsSpan(0, filled).IndexOf(needle) >= 0)
            {
                return true;
            }

            carry = Math.Min(needle.Length - 1, filled);
            buffer.AsSpan(filled - carry, carry).CopyTo(buffer);
        }

        return false;
    }

    /// <summary>The images left of the install stage of the build that made <paramref name="image"/> (none, if cleaned up).</summary>
    private static async Task<string> InstallStageImagesAsync(string image)
    {
        var buildId = (await DockerCli.RunAsync("image", "inspect", "-f", "{{ index .Config.Labels \"toolshed.package.build-id\" }}", image)).Trim();
        Assert.Matches("^[0-9a-f]{32}$", buildId);
        return (await DockerCli.RunAsync("images", "-aq", "--filter", $"label=toolshed.package.build={buildId}")).Trim();
    }

    private static async Task<string> ImageIdAsync(string image) => (await DockerCli.RunAsync("image", "inspect", "-f", "{{.Id}}", image)).Trim();
}
