using System.Text.Json;
using System.Text.RegularExpressions;
using ModelContextProtocol.Client;
using Toolshed.EndToEnd.Tests.Cli;
using Toolshed.EndToEnd.Tests.Servers;
using Toolshed.EndToEnd.Tests.Telemetry;

namespace Toolshed.EndToEnd.Tests.Stats;

/// <summary>
/// `shed stats` and `shed top` against a real daemon, whose stdio proxy counted a real client's calls to a real
/// server; `shed top` runs in a real terminal (tmux), redraws as calls come in, and quits on q.
/// </summary>
public sealed partial class LiveStatsTests(ShedDaemonFixture shed) : IClassFixture<ShedDaemonFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Stats_RealCallsThroughTheProxy_CountedPerToolWithErrorsAndGoneWithTheWorkload()
    {
        const string name = "stats-live";
        var port = await TelemetryWorkloads.CreateAsync(shed.Daemon, name, Token);
        await using (var client = await McpProbe.ConnectAsync(port))
        {
            for (var i = 0; i < 5; i++)
            {
                await McpProbe.EchoAsync(client, $"call {i}");
            }

            var failed = await client.CallToolAsync("fail", new Dictionary<string, object?> { ["message"] = "on purpose" }, cancellationToken: Token);
            Assert.True(failed.IsError);
        }

        var json = await ShedOkAsync("stats", name, "--tools", "--format", "json");
        var table = await ShedOkAsync("stats", "--tools");
        await ShedOkAsync("rm", name);
        var afterRemoval = await ShedOkAsync("stats", "--format", "json");

        var stats = JsonDocument.Parse(json).RootElement;
        Assert.Equal(name, stats.GetProperty("name").GetString());
        Assert.Equal("workload", stats.GetProperty("kind").GetString());
        Assert.Equal(60, stats.GetProperty("window_seconds").GetInt32());
        Assert.Equal("running", stats.GetProperty("state").GetString());
        Assert.Equal(0, stats.GetProperty("restarts").GetInt32());
        Assert.Equal(0, stats.GetProperty("sessions").GetInt32()); // the client closed its session
        // initialize, 5 echo and 1 fail at least (the SDK may list tools too), one error: the tool's isError.
        Assert.InRange(stats.GetProperty("calls").GetInt64(), 7, 20);
        Assert.Equal(1, stats.GetProperty("errors").GetInt64());
        Assert.True(stats.GetProperty("p50_ms").GetDouble() > 0);
        var tools = stats.GetProperty("tools").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!);
        Assert.Equal(["echo", "fail"], tools.Keys.Order(StringComparer.Ordinal));
        Assert.Equal((5L, 0L), (tools["echo"].GetProperty("calls").GetInt64(), tools["echo"].GetProperty("errors").GetInt64()));
        Assert.Equal((1L, 1L), (tools["fail"].GetProperty("calls").GetInt64(), tools["fail"].GetProperty("errors").GetInt64()));
        Assert.Matches(@"(?m)^stats-live\s+running\s+0\s+\d+\.\d\s+\d+\s+1\s.*\s0$", table);
        Assert.Matches(@"(?m)^  echo\s+\d+\.\d\s+5\s+0\s+0\.0%", table);
        Assert.DoesNotContain(name, afterRemoval, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stats_UnknownServerOrBadWindow_SaysWhatIsWrong()
    {
        var unknown = await shed.ShedAsync("stats", "no-such-server");
        var window = await shed.ShedAsync("stats", "--window", "0");

        Assert.NotEqual(0, unknown.ExitCode);
        Assert.Contains("No server named 'no-such-server'", unknown.Stderr, StringComparison.Ordinal);
        Assert.NotEqual(0, window.ExitCode);
        Assert.Contains("--window must be from 1 to 60 seconds", window.Stderr + window.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Top_InARealTerminal_RedrawsAsCallsComeInAndQuitsOnQ()
    {
        const string name = "stats-top";
        var port = await TelemetryWorkloads.CreateAsync(shed.Daemon, name, Token);
        // A 2025-11-25 client: it holds a session (2026-07-28 requests are stateless), which top counts.
        await using var client = await McpProbe.ConnectAsync(port, options: McpProbe.Legacy());
        await McpProbe.EchoAsync(client, "first");
        var shedDll = Path.Combine(AppContext.BaseDirectory, "shed.dll");
        await using var terminal = await TmuxTerminal.StartAsync(
            $"dotnet {shedDll} top --tools",
            new Dictionary<string, string> { ["TOOLSHED_HOME"] = shed.Home, ["TERM"] = "xterm-256color" });

        var first = await terminal.WaitForAsync(s => EchoTotal(s) == 1, TimeSpan.FromSeconds(60), "echo with 1 call");
        for (var i = 0; i < 3; i++)
        {
            await McpProbe.EchoAsync(client, $"more {i}");
        }

        var redrawn = await terminal.WaitForAsync(s => EchoTotal(s) == 4, TimeSpan.FromSeconds(20), "echo with 4 calls");
        await terminal.SendKeysAsync("q");
        var ended = await terminal.WaitForAsync(s => s.Contains("EXITED", StringComparison.Ordinal), TimeSpan.FromSeconds(20), "shed top ending");

        Assert.Contains("shed top · last 10 s", first, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^stats-top\s+running\s+1\s", redrawn); // the test's client holds one session
        Assert.Contains("EXITED 0", ended, StringComparison.Ordinal);
        // It drew on the alternate screen and gave the terminal back as it was.
        Assert.DoesNotContain("CALLS/S", ended, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Top_NotATerminal_PrintsOneFrameWithoutEscapes()
    {
        var top = await shed.ShedAsync("top");

        Assert.Equal(0, top.ExitCode);
        Assert.StartsWith("shed top · last 10 s", top.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain('\e', top.Stdout);
    }

    private async Task<string> ShedOkAsync(params string[] arguments)
    {
        var result = await shed.ShedAsync(arguments);
        Assert.True(result.ExitCode == 0, $"shed {string.Join(' ', arguments)} exited {result.ExitCode}: {result.Stdout}{result.Stderr}");
        return result.Stdout;
    }

    /// <summary>The TOTAL column of the `  echo` row under stats-top on a top screen, or null.</summary>
    private static int? EchoTotal(string screen)
    {
        var block = screen.Split("stats-top", 2);
        return block.Length == 2 && EchoRow().Match(block[1]) is { Success: true } row ? int.Parse(row.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    [GeneratedRegex(@"(?m)^  echo\s.*\s(\d+)\s*$")]
    private static partial Regex EchoRow();
}
