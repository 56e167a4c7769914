using System.Text.Json;
using Toolshed.Testing;

namespace Toolshed.EndToEnd.Tests.Cli;

/// <summary>The command line end to end: ./shed against a daemon it starts itself, on the real engine.</summary>
public sealed class ShedCliTests : IDisposable
{
    private readonly TemporaryDirectory _home = new("toolshed-cli");
    private readonly ShedScript _shed;

    public ShedCliTests()
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
    public async Task Verbs_FullSession_WorkAndExitZero()
    {
        var list = await _shed.RunAsync("list");
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Contains("Started the Toolshed daemon", list.Stderr, StringComparison.Ordinal);

        var run = await _shed.RunAsync("run", TestImages.CSharpServer, "--name", "clitest", "-e", "GREETING=hi");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches(@"http://127\.0\.0\.1:\d+/mcp", run.Stdout);
        Assert.Matches(@"http://127\.0\.0\.1:\d+/sse", run.Stdout);
        Assert.Contains("\"mcpServers\"", run.Stdout, StringComparison.Ordinal);

        var registryFile = Path.Combine(_home.Path, "registry.json");
        await File.WriteAllTextAsync(registryFile, $$"""
            {"version":"1","last_updated":"2026-11-29T00:00:00Z","servers":{"clireg":{"name":"clireg","description":"C# test server","image":"{{TestImages.CSharpServer}}","transport":"stdio","tools":["echo"]} } }
            """, TestContext.Current.CancellationToken);
        var add = await _shed.RunAsync("registry", "add", "e2e", registryFile);
        Assert.True(add.ExitCode == 0, add.ToString());
        var registries = await _shed.RunAsync("registry", "list");
        Assert.Contains("e2e", registries.Stdout, StringComparison.Ordinal);
        var fromRegistry = await _shed.RunAsync("run", "e2e/clireg");
        Assert.True(fromRegistry.ExitCode == 0, fromRegistry.ToString());

        var table = await _shed.RunAsync("list");
        Assert.Contains("clitest", table.Stdout, StringComparison.Ordinal);
        Assert.Contains("clireg", table.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"NAME\s+IMAGE\s+STATE", table.Stdout);
        var json = await _shed.RunAsync("list", "--format", "json");
        Assert.Equal(2, JsonDocument.Parse(json.Stdout).RootElement.GetArrayLength());

        Assert.Equal(0, (await _shed.RunAsync("logs", "clitest")).ExitCode);
        var search = await _shed.RunAsync("search", "github");
        Assert.Contains("github", search.Stdout, StringComparison.Ordinal);

        Assert.Equal(0, (await _shed.RunAsync("stop", "clitest")).ExitCode);
        Assert.Matches(@"clitest\s+\S+\s+stopped", (await _shed.RunAsync("list", "--all")).Stdout);
        Assert.Equal(0, (await _shed.RunAsync("restart", "clitest")).ExitCode);
        Assert.Matches(@"clitest\s+\S+\s+running", (await _shed.RunAsync("list")).Stdout);
        Assert.Equal(0, (await _shed.RunAsync("rm", "clitest")).ExitCode);
        Assert.Equal(0, (await _shed.RunAsync("rm", "clireg")).ExitCode);
        Assert.Equal(0, (await _shed.RunAsync("registry", "remove", "e2e")).ExitCode);
        Assert.DoesNotContain("clitest", (await _shed.RunAsync("list", "--all")).Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2, new[] { "run" })]
    [InlineData(2, new[] { "run", "x", "-e", "NO_EQUALS" })]
    [InlineData(2, new[] { "run", "x", "--secret", "token" })]
    [InlineData(2, new[] { "list", "--format", "xml" })]
    [InlineData(2, new[] { "no-such-verb" })]
    [InlineData(1, new[] { "rm", "no-such-server" })]
    public async Task BadInput_ExitsWithUsageOrFailureCodeAndSaysWhy(int exitCode, string[] arguments)
    {
        var result = await _shed.RunAsync(arguments);

        Assert.True(result.ExitCode == exitCode, result.ToString());
        Assert.False(string.IsNullOrWhiteSpace(result.Stderr), result.ToString());
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }
}
