using System.Text.Json;
using Toolshed.Testing;

namespace Toolshed.EndToEnd.Tests.Cli;

/// <summary>`shed run` with a package, as a user types it: ./shed against a daemon it starts itself, on the real engine.</summary>
public sealed class PackageCliTests : IDisposable
{
    private readonly TemporaryDirectory _home = new("toolshed-pkgcli");
    private readonly ShedScript _shed;

    public PackageCliTests()
    {
        DockerRequirement.EnsureAvailable();
        _shed = new ShedScript(_home.Path, DaemonProcess.FreePort());
    }

    public void Dispose()
    {
        _shed.KillDaemon();
        _home.Dispose();
    }

    [Fact]
    public async Task Run_LocalGoSource_ShowsBuildProgressServesItAndInspectShowsThePackage()
    {
        var name = $"gocli{Guid.NewGuid():N}"[..12];
        var source = RepositoryPaths.Combine("tests", "packages", "go-echo");

        var run = await _shed.RunAsync("run", $"go://{source}", "--runtime-image", TestImages.PackageBase, "--rebuild", "--name", name, "--format", "json");

        try
        {
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Contains("Resolved go://", run.Stderr, StringComparison.Ordinal);
            Assert.Contains("Step ", run.Stderr, StringComparison.Ordinal);
            using var output = JsonDocument.Parse(run.Stdout);
            Assert.EndsWith("/mcp", output.RootElement.GetProperty("url").GetString(), StringComparison.Ordinal);

            var inspect = await _shed.RunAsync("inspect", name, "--format", "json");
            Assert.True(inspect.ExitCode == 0, inspect.ToString());
            using var details = JsonDocument.Parse(inspect.Stdout);
            var package = details.RootElement.GetProperty("package");
            Assert.Equal("mcp-echo-go", package.GetProperty("command").GetString());
            Assert.StartsWith("toolshed-pkg/go-go-echo-local:local-", package.GetProperty("built_image").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            await _shed.RunAsync("rm", name);
        }
    }

    [Fact]
    public async Task Run_BadPackageOptions_ExitWithUsageAndSayWhy()
    {
        var badSecret = await _shed.RunAsync("run", "npx://x", "--build-secret", "tok,target=.bashrc");
        var badReference = await _shed.RunAsync("run", "npx://Not Valid");

        Assert.True(badSecret.ExitCode == 2, badSecret.ToString());
        Assert.Contains("npmrc", badSecret.Stderr, StringComparison.Ordinal);
        Assert.NotEqual(0, badReference.ExitCode);
        Assert.Contains("not a package reference", badReference.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", badReference.Stderr, StringComparison.Ordinal);
    }
}
