using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Toolshed.Cli.Secrets;
using Toolshed.Cli.Tests.Fakes;

namespace Toolshed.Cli.Tests.Commands;

/// <summary>`shed secret set NAME` reads the value through the console seam: piped, or typed hidden at a terminal.</summary>
public sealed class SecretSetTests
{
    private static Task<FakeDaemon> StartDaemonAsync(CancellationToken cancellationToken) =>
        FakeDaemon.StartAsync((app, _) => app.MapPut("/api/v1beta/secrets/{name}", () => Results.NoContent()), cancellationToken);

    private static string? SentValue(FakeDaemon daemon) =>
        daemon.Requests.Where(r => r.Method == "PUT").Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("value").GetString()).SingleOrDefault();

    [Fact]
    public async Task Set_PipedValue_SendsItWithoutTheTrailingLineBreak()
    {
        await using var daemon = await StartDaemonAsync(TestContext.Current.CancellationToken);

        var run = await CliRun.RunAsync(daemon.Url, new CliInput("s3cret value\n"), "secret", "set", "gh");

        Assert.True(run.ExitCode == ShedApp.ExitOk, run.Error);
        Assert.Equal("s3cret value", SentValue(daemon));
        Assert.DoesNotContain("input hidden", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", run.Out + run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Set_AtATerminal_PromptsOnStderrAndSendsTheTypedLine()
    {
        await using var daemon = await StartDaemonAsync(TestContext.Current.CancellationToken);

        var run = await CliRun.RunAsync(daemon.Url, new CliInput("typed-at-prompt\nignored\n", Interactive: true), "secret", "set", "gh");

        Assert.True(run.ExitCode == ShedApp.ExitOk, run.Error);
        Assert.Contains("Value for secret gh (input hidden):", run.Error, StringComparison.Ordinal);
        Assert.Equal("typed-at-prompt", SentValue(daemon));
    }

    [Fact]
    public async Task Set_PipedValueOverTheLimit_RefusesAndSendsNothing()
    {
        await using var daemon = await StartDaemonAsync(TestContext.Current.CancellationToken);

        var run = await CliRun.RunAsync(daemon.Url, new CliInput(new string('x', SecretValueReader.MaxChars + 1)), "secret", "set", "gh");

        Assert.Equal(ShedApp.ExitFailure, run.ExitCode);
        Assert.Contains($"more than {SecretValueReader.MaxChars} characters", run.Error, StringComparison.Ordinal);
        Assert.Null(SentValue(daemon));
    }
}
