using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Toolshed.Cli.Tests.Fakes;

namespace Toolshed.Cli.Tests.Images;

/// <summary>`shed run` against a fake daemon whose pull endpoint answers canned NDJSON.</summary>
public sealed class ImagePullerTests
{
    private const string PullPath = "/api/v1beta/images/pull";

    private static readonly string s_freshPull = string.Join('\n',
        """{"status":"Pulling from toolshed/everything"}""",
        """{"status":"Already exists","layer":"f5ebe30b21f1"}""",
        """{"status":"Downloading","layer":"fc7fb1eaaf2c","current":98304,"total":8391369}""",
        """{"status":"Downloading","layer":"fc7fb1eaaf2c","current":5470208,"total":8391369}""",
        """{"status":"Pull complete","layer":"fc7fb1eaaf2c"}""",
        """{"status":"done","image":"127.0.0.1:5000/toolshed/everything:pulltest","pulled":true}""") + "\n";

    private static Task<FakeDaemon> StartDaemonAsync(Func<IResult>? pull, CancellationToken cancellationToken) =>
        FakeDaemon.StartAsync((app, daemon) =>
        {
            if (pull is not null)
            {
                app.MapPost(PullPath, pull);
            }

            app.MapPost("/api/v1beta/servers", () => FakeDaemon.Json($$"""{"name":"pulled","port":{{daemon.Port}}}""", StatusCodes.Status201Created));
            app.MapPost("/mcp", (HttpContext context) =>
            {
                context.Response.Headers["Mcp-Session-Id"] = "session-1";
                return FakeDaemon.Json("""{"jsonrpc":"2.0","id":1,"result":{"protocolVersion":"2025-06-18","capabilities":{},"serverInfo":{"name":"fake","version":"1"}}}""");
            });
            app.MapDelete("/mcp", () => Results.NoContent());
        }, cancellationToken);

    [Fact]
    public async Task Run_ImageIsPulled_ShowsLayerLinesOnStderrAndKeepsStdoutJsonOnly()
    {
        await using var daemon = await StartDaemonAsync(() => Results.Text(s_freshPull, "application/x-ndjson"), TestContext.Current.CancellationToken);

        var run = await CliRun.RunAsync(daemon.Url, "run", "127.0.0.1:5000/toolshed/everything:pulltest", "--format", "json");

        Assert.True(run.ExitCode == ShedApp.ExitOk, run.Error);
        using var result = JsonDocument.Parse(run.Out);
        Assert.Equal("pulled", result.RootElement.GetProperty("name").GetString());
        Assert.Contains("f5ebe30b21f1: Already exists", run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Split('\n'), line => line.StartsWith("fc7fb1eaaf2c: Downloading", StringComparison.Ordinal));
        Assert.Contains("fc7fb1eaaf2c: Pull complete", run.Error, StringComparison.Ordinal);
        Assert.Contains("Pulled 127.0.0.1:5000/toolshed/everything:pulltest.", run.Error, StringComparison.Ordinal);
        var pull = Assert.Single(daemon.Requests, request => request.PathAndQuery == PullPath);
        Assert.Equal("127.0.0.1:5000/toolshed/everything:pulltest", JsonDocument.Parse(pull.Body).RootElement.GetProperty("image").GetString());
    }

    [Fact]
    public async Task Run_PullEndsWithErrorLine_ExitsOneWithTheReasonAndCreatesNothing()
    {
        const string stream = """
            {"status":"Downloading","layer":"fc7fb1eaaf2c","current":1,"total":2}
            {"status":"error","image":"x:1","error":"Image x:1 is not present locally and could not be pulled: unexpected EOF."}

            """;
        await using var daemon = await StartDaemonAsync(() => Results.Text(stream, "application/x-ndjson"), TestContext.Current.CancellationToken);

        var run = await CliRun.RunAsync(daemon.Url, "run", "x:1");

        Assert.Equal(ShedApp.ExitFailure, run.ExitCode);
        Assert.Contains("shed: Image x:1 is not present locally and could not be pulled: unexpected EOF.", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(daemon.Requests, request => request.PathAndQuery == "/api/v1beta/servers");
    }

    [Fact]
    public async Task Run_PullRefusedWithProblem_ExitsOneWithTheProblemAndCreatesNothing()
    {
        await using var daemon = await StartDaemonAsync(
            () => FakeDaemon.Problem(400, "image 'Bad/Name' is not an image reference or a registry server: uppercase."),
            TestContext.Current.CancellationToken);

        var run = await CliRun.RunAsync(daemon.Url, "run", "Bad/Name");

        Assert.Equal(ShedApp.ExitFailure, run.ExitCode);
        Assert.Contains("shed: image 'Bad/Name' is not an image reference", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(daemon.Requests, request => request.PathAndQuery == "/api/v1beta/servers");
    }

    [Fact]
    public async Task Run_StreamBreaksOffBeforeItsLastLine_ExitsOneSayingSo()
    {
        await using var daemon = await StartDaemonAsync(
            () => Results.Text("""{"status":"Downloading","layer":"fc7fb1eaaf2c","current":1,"total":2}""" + "\n", "application/x-ndjson"),
            TestContext.Current.CancellationToken);

        var run = await CliRun.RunAsync(daemon.Url, "run", "x:1");

        Assert.Equal(ShedApp.ExitFailure, run.ExitCode);
        Assert.Contains("ended before it said whether the pull succeeded", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_DaemonWithoutThePullEndpoint_CreatesAsBeforeWithoutProgress()
    {
        await using var daemon = await StartDaemonAsync(pull: null, TestContext.Current.CancellationToken);

        var run = await CliRun.RunAsync(daemon.Url, "run", "x:1");

        Assert.True(run.ExitCode == ShedApp.ExitOk, run.Error);
        Assert.DoesNotContain("Pull", run.Error, StringComparison.Ordinal);
        Assert.Single(daemon.Requests, request => request.PathAndQuery == "/api/v1beta/servers");
    }

    [Fact]
    public async Task Run_ImagePresent_PrintsNoPullLines()
    {
        await using var daemon = await StartDaemonAsync(
            () => Results.Text("""{"status":"done","image":"x:1","pulled":false}""" + "\n", "application/x-ndjson"),
            TestContext.Current.CancellationToken);

        var run = await CliRun.RunAsync(daemon.Url, "run", "x:1");

        Assert.True(run.ExitCode == ShedApp.ExitOk, run.Error);
        Assert.DoesNotContain("Pull", run.Error, StringComparison.Ordinal);
    }
}
