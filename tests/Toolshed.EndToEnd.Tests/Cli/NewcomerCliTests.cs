using System.Text.Json;
using Toolshed.EndToEnd.Tests.Lifecycle;
using Toolshed.Testing;

namespace Toolshed.EndToEnd.Tests.Cli;

/// <summary>
/// What a newcomer tripped over, as they would meet it: ./shed against a daemon it starts itself, on the real engine —
/// a server that exits at once, a mistyped flag, and seeing one workload whole.
/// </summary>
public sealed class NewcomerCliTests : IAsyncDisposable
{
    private readonly TemporaryDirectory _home = new("toolshed-newcomer");
    private readonly ShedScript _shed;

    public NewcomerCliTests()
    {
        DockerRequirement.EnsureAvailable();
        _shed = new ShedScript(_home.Path, DaemonProcess.FreePort());
    }

    public async ValueTask DisposeAsync()
    {
        // Whatever a failed assertion left behind goes the way a user would remove it.
        foreach (var name in new[] { "crash", "insp" })
        {
            await _shed.RunAsync("rm", name);
        }

        _shed.KillDaemon();
        _home.Dispose();
    }

    [Fact]
    public async Task Run_ServerExitsAtOnce_ExitsOneWithItsStderrAndKeepsTheWorkload()
    {
        // The everything server exits 1 on an unknown transport argument, after printing its usage to stderr.
        var run = await _shed.RunAsync("run", TestImages.Everything, "--name", "crash", "--", "bogus");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.DoesNotContain("is running", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("'crash' is not usable: its server exited before answering initialize", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("Unknown transport: bogus", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("`shed rm crash`", run.Stderr, StringComparison.Ordinal);

        var list = await _shed.RunAsync("list", "--all", "--format", "json");
        Assert.Contains(JsonDocument.Parse(list.Stdout).RootElement.EnumerateArray(), s => s.GetProperty("name").GetString() == "crash");
        Assert.Equal(0, (await _shed.RunAsync("rm", "crash")).ExitCode);
    }

    [Theory]
    [InlineData("--nmae", "Did you mean '--name'?")]
    [InlineData("--prot", "'--proxy-port' or '--target-port'?")]
    public async Task Run_MistypedFlagAfterTheImage_IsAUsageErrorAndCreatesNothing(string flag, string suggestion)
    {
        var run = await _shed.RunAsync("run", TestImages.Everything, flag, "x");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(suggestion, run.Stderr, StringComparison.Ordinal);
        Assert.Contains("Arguments for the server go after `--`", run.Stderr, StringComparison.Ordinal);
        // Refused before the daemon was even asked: none was started for it.
        Assert.DoesNotContain("Started the Toolshed daemon", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_RunningWorkload_ShowsItWholeWithoutValues()
    {
        // Outside TOOLSHED_HOME: Toolshed's own data directory is a sensitive mount.
        using var dataDirectory = new TemporaryDirectory("toolshed-newcomer-data");
        var data = dataDirectory.Path;
        var run = await _shed.RunAsync("run", TestImages.Everything, "--name", "insp", "-e", "LOG_LEVEL=very-secret-value",
            "-v", $"{data}:/data:ro", "--memory", "256m");
        Assert.True(run.ExitCode == 0, run.ToString());

        // The daemon's own readiness check runs beside shed run's, so it may say so a moment later.
        var json = await Eventually.GetAsync(async () =>
        {
            var inspect = await _shed.RunAsync("inspect", "insp", "--format", "json");
            Assert.True(inspect.ExitCode == 0, inspect.ToString());
            return JsonDocument.Parse(inspect.Stdout).RootElement.GetProperty("ready").GetBoolean() ? inspect : null;
        }, TimeSpan.FromSeconds(30), "the daemon to see 'insp' ready");
        Assert.DoesNotContain("very-secret-value", json.Stdout, StringComparison.Ordinal);
        var details = JsonDocument.Parse(json.Stdout).RootElement;
        var url = details.GetProperty("url").GetString()!;
        Assert.Matches(@"^http://127\.0\.0\.1:\d+/mcp$", url);
        Assert.Equal(url[..^4] + "/sse", details.GetProperty("sse_url").GetString());
        Assert.Equal("stdio", details.GetProperty("transport").GetString());
        Assert.Equal(["LOG_LEVEL"], details.GetProperty("env_var_names").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal([$"{data}:/data:ro"], details.GetProperty("volumes").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(256L * 1024 * 1024, details.GetProperty("memory_limit").GetInt64());
        Assert.Equal("none", details.GetProperty("network").GetString());
        Assert.Equal(0, details.GetProperty("restart_count").GetInt32());
        Assert.Equal(JsonValueKind.String, details.GetProperty("started_at").ValueKind);

        var text = await _shed.RunAsync("inspect", "insp");
        Assert.Contains(url, text.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("very-secret-value", text.Stdout, StringComparison.Ordinal);

        var list = await _shed.RunAsync("list", "--format", "json");
        var item = Assert.Single(JsonDocument.Parse(list.Stdout).RootElement.EnumerateArray());
        Assert.Equal(url, item.GetProperty("url").GetString());
        // One naming style: snake_case everywhere but the reference's own port fields.
        Assert.All(Keys(item).Where(k => k is not ("containerPort" or "hostPort") && !k.StartsWith("toolshed", StringComparison.Ordinal)),
            key => Assert.Matches("^[a-z0-9_]+$", key));

        Assert.Equal(0, (await _shed.RunAsync("rm", "insp")).ExitCode);
    }

    private static IEnumerable<string> Keys(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Keys(p.Value).Prepend(p.Name)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Keys),
        _ => [],
    };
}
