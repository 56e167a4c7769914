using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Toolshed.Cli.Tests.Fakes;

namespace Toolshed.Cli.Tests.Commands;

public sealed class RestartCommandTests
{
    private static Task<FakeDaemon> StartDaemonAsync(Func<int, int, string> details, string mcpAnswer, CancellationToken cancellationToken) =>
        FakeDaemon.StartAsync((app, daemon) =>
        {
            var polls = 0;
            app.MapGet("/api/v1beta/servers/fetch", () => FakeDaemon.Json(details(Interlocked.Increment(ref polls), daemon.Port)));
            app.MapPost("/api/v1beta/servers/fetch/restart", () => Results.NoContent());
            app.MapGet("/api/v1beta/servers/fetch/logs", () => Results.Text("panic: no config\n", "text/plain"));
            app.MapPost("/mcp", () => FakeDaemon.Json(mcpAnswer));
        }, cancellationToken);

    [Fact]
    public async Task Restart_ServerAnswersMcp_ConfirmsWithTheUrl()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var daemon = await StartDaemonAsync((_, port) => FakeServerDetails.Json("fetch", port),
            """{"jsonrpc":"2.0","id":1,"result":{"protocolVersion":"2025-06-18","capabilities":{},"serverInfo":{"name":"fake","version":"1"}}}""", ct);

        var run = await CliRun.RunAsync(daemon.Url, "restart", "fetch");

        Assert.Equal(ShedApp.ExitOk, run.ExitCode);
        Assert.Equal($"Restarted 'fetch'; it answers MCP at http://127.0.0.1:{daemon.Port}/mcp.", run.Out.Trim());
        Assert.Contains(daemon.Requests, r => r.Method == "POST" && r.PathAndQuery == "/api/v1beta/servers/fetch/restart");
    }

    [Fact]
    public async Task Restart_ServerHadRestartedBefore_FailsOnlyOnANewRestart()
    {
        var ct = TestContext.Current.CancellationToken;
        // Three restarts before this one; polls 1-2 are the command's own reads, poll 4 sees a fourth restart.
        await using var daemon = await StartDaemonAsync(
            (poll, port) => FakeServerDetails.Json("fetch", port, restarts: poll < 4 ? 3 : 4, lastExitCode: 1),
            """{"jsonrpc":"2.0","id":1,"error":{"code":-32000,"message":"the MCP server is not running"}}""", ct);

        var run = await CliRun.RunAsync(daemon.Url, "restart", "fetch");

        Assert.Equal(ShedApp.ExitFailure, run.ExitCode);
        Assert.Contains("exited before answering initialize (exit code 1)", run.Error, StringComparison.Ordinal);
        Assert.Contains("| panic: no config", run.Error, StringComparison.Ordinal);
        Assert.Equal(2, daemon.Requests.Count(r => r.Method == "POST" && r.PathAndQuery == "/mcp"));
    }
}
