using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Toolshed.Cli.Tests.Fakes;

namespace Toolshed.Cli.Tests.Commands;

public sealed class LogsCommandTests
{
    [Fact]
    public async Task Logs_Tail_PrintsTheTextAndPassesTail()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var daemon = await FakeDaemon.StartAsync((app, _) =>
            app.MapGet("/api/v1beta/servers/{name}/logs", () => Results.Text("one\ntwo\n", "text/plain")), ct);

        var run = await CliRun.RunAsync(daemon.Url, "logs", "fetch", "--tail", "5");

        Assert.Equal(ShedApp.ExitOk, run.ExitCode);
        Assert.Equal("one\ntwo\n", run.Out);
        Assert.Contains(daemon.Requests, r => r.PathAndQuery == "/api/v1beta/servers/fetch/logs?tail=5");
    }

    [Fact]
    public async Task Logs_Follow_PrintsEachLineOnceUntilCancelled()
    {
        var ct = TestContext.Current.CancellationToken;
        // Polls see the log grow, stay the same, then grow by two; later polls repeat the last answer.
        var answers = new[] { "a\nb\n", "a\nb\nc\n", "a\nb\nc\n", "a\nb\nc\nd\ne\n" };
        var served = 0;
        // The CLI polls sequentially, so once request N+2 arrives, answers up to N (one repeat of the last) are printed.
        var repeatPrinted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var daemon = await FakeDaemon.StartAsync((app, _) =>
            app.MapGet("/api/v1beta/servers/{name}/logs", () =>
            {
                var index = Interlocked.Increment(ref served) - 1;
                if (index >= answers.Length + 1)
                {
                    repeatPrinted.TrySetResult();
                }

                return Results.Text(answers[Math.Min(index, answers.Length - 1)], "text/plain");
            }), ct);

        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var context = new CliContext(TextWriter.Synchronized(stdout), stderr)
        {
            ApiUrl = daemon.Url.AbsoluteUri,
            DaemonLauncher = new FakeDaemonLauncher(),
            LogPollInterval = TimeSpan.FromMilliseconds(10),
        };
        var follow = ShedApp.RunAsync(["logs", "fetch", "--follow"], context, cancel.Token);
        await repeatPrinted.Task.WaitAsync(TimeSpan.FromSeconds(10), ct);
        await cancel.CancelAsync();

        Assert.Equal(ShedApp.ExitOk, await follow.WaitAsync(TimeSpan.FromSeconds(10), ct));
        Assert.Equal("a\nb\nc\nd\ne\n", stdout.ToString().ReplaceLineEndings("\n"));
    }
}
