using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Toolshed.Cli.Tests.Fakes;

namespace Toolshed.Cli.Tests.Commands;

public sealed class InspectCommandTests
{
    [Fact]
    public async Task Inspect_Text_ShowsUrlsNamesAndLimitsButNoValues()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var daemon = await FakeDaemon.StartAsync((app, d) =>
            app.MapGet("/api/v1beta/servers/fetch", () => FakeDaemon.Json(FakeServerDetails.Json("fetch", 41001, restarts: 2, lastExitCode: 137))), ct);

        var run = await CliRun.RunAsync(daemon.Url, "inspect", "fetch");

        Assert.Equal(ShedApp.ExitOk, run.ExitCode);
        Assert.Matches(@"Streamable HTTP:\s+http://127\.0\.0\.1:41001/mcp", run.Out);
        Assert.Matches(@"SSE \(legacy\):\s+http://127\.0\.0\.1:41001/sse", run.Out);
        Assert.Matches(@"Environment:\s*\n  LOG_LEVEL\n", run.Out);
        Assert.Contains("  gh -> GITHUB_TOKEN", run.Out, StringComparison.Ordinal);
        Assert.Contains("  /srv/data:/data:ro", run.Out, StringComparison.Ordinal);
        Assert.Matches(@"Memory limit:\s+1 GiB", run.Out);
        Assert.Matches(@"Restarts:\s+2 \(last exit code 137\)", run.Out);
        Assert.Matches(@"Container:\s+0123456789ab\n", run.Out);
    }

    [Fact]
    public async Task Inspect_Json_PrintsTheDaemonsDetailsInSnakeCaseAndTheSeedsPortFields()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var daemon = await FakeDaemon.StartAsync((app, d) =>
            app.MapGet("/api/v1beta/servers/fetch", () => FakeDaemon.Json(FakeServerDetails.Json("fetch", 41001))), ct);

        var run = await CliRun.RunAsync(daemon.Url, "inspect", "fetch", "--format", "json");

        Assert.Equal(ShedApp.ExitOk, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        var root = json.RootElement;
        Assert.Equal("http://127.0.0.1:41001/mcp", root.GetProperty("url").GetString());
        Assert.Equal(["LOG_LEVEL"], root.GetProperty("env_var_names").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(41001, root.GetProperty("ports")[0].GetProperty("hostPort").GetInt32());
        Assert.All(JsonKeys.Of(root).Where(k => k is not ("containerPort" or "hostPort")), key => Assert.Matches("^[a-z0-9_.]+$", key));
    }
}
