using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Toolshed.Cli.Api;
using Toolshed.Cli.Tests.Fakes;

namespace Toolshed.Cli.Tests.Api;

/// <summary>Every call to the daemon has a budget: a daemon that stops answering ends the verb with a sentence, not a hang.</summary>
public sealed class ApiTimeoutTests
{
    private static readonly ApiTimeouts s_short = new()
    {
        Request = TimeSpan.FromMilliseconds(300),
        Workload = TimeSpan.FromMilliseconds(300),
        StreamIdle = TimeSpan.FromMilliseconds(300),
    };

    private static async Task Stall(HttpContext context) => await Task.Delay(Timeout.Infinite, context.RequestAborted);

    [Fact]
    public async Task List_DaemonNeverAnswers_FailsWithinTheRequestBudgetSayingWhich()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var daemon = await FakeDaemon.StartAsync((app, _) => app.MapGet("/api/v1beta/servers", Stall), ct);

        var run = await CliRun.RunAsync(daemon.Url, new CliInput { Timeouts = s_short }, "list");

        Assert.Equal(ShedApp.ExitFailure, run.ExitCode);
        Assert.Contains("did not answer GET /api/v1beta/servers within 300 ms", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_PullStreamFallsSilent_FailsSayingTheDaemonStoppedReporting()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var daemon = await FakeDaemon.StartAsync((app, _) => app.MapPost("/api/v1beta/images/pull", async context =>
        {
            context.Response.ContentType = "application/x-ndjson";
            await context.Response.WriteAsync("""{"status":"downloading","layer":"a1","current":1,"total":10}""" + "\n", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await Stall(context);
        }), ct);

        var run = await CliRun.RunAsync(daemon.Url, new CliInput { Timeouts = s_short }, "run", "example/stuck:1");

        Assert.Equal(ShedApp.ExitFailure, run.ExitCode);
        Assert.Contains("said nothing about the pull of example/stuck:1 for 300 ms", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(daemon.Requests, r => r.Method == "POST" && r.PathAndQuery == "/api/v1beta/servers");
    }

    [Fact]
    public void Defaults_BoundEveryKindOfCall()
    {
        var defaults = ApiTimeouts.Default;

        Assert.Equal(TimeSpan.FromSeconds(2), defaults.Health);
        Assert.True(defaults.Request > defaults.Health && defaults.Workload > defaults.Request, defaults.ToString());
        Assert.NotEqual(Timeout.InfiniteTimeSpan, defaults.StreamIdle);
    }
}
