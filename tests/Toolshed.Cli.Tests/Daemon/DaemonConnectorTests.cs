using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Toolshed.Cli.Tests.Fakes;

namespace Toolshed.Cli.Tests.Daemon;

public sealed class DaemonConnectorTests
{
    [Fact]
    public async Task List_NoDaemonOnLoopback_StartsOneThenAsksIt()
    {
        var ct = TestContext.Current.CancellationToken;
        var port = FreePort();
        var url = new Uri($"http://127.0.0.1:{port}/");
        FakeDaemon? started = null;
        var launcher = new FakeDaemonLauncher(_ => started = FakeDaemon.StartAsync(
            (app, _) => app.MapGet("/api/v1beta/servers", () => FakeDaemon.Json("""{"servers":[]}""")), ct, port).GetAwaiter().GetResult());
        try
        {
            var run = await CliRun.RunAsync(url, launcher, null, "list");

            Assert.Equal(ShedApp.ExitOk, run.ExitCode);
            var start = Assert.Single(launcher.Starts);
            Assert.Equal(url, start.Url);
            Assert.EndsWith("daemon.log", start.LogPath, StringComparison.Ordinal);
            Assert.Contains($"Started the Toolshed daemon (log: {start.LogPath})", run.Error, StringComparison.Ordinal);
        }
        finally
        {
            if (started is not null)
            {
                await started.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task List_DaemonAnswers_DoesNotStartAnother()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var daemon = await FakeDaemon.StartAsync((app, _) => app.MapGet("/api/v1beta/servers", () => FakeDaemon.Json("""{"servers":[]}""")), ct);
        var launcher = new FakeDaemonLauncher();

        var run = await CliRun.RunAsync(daemon.Url, launcher, null, "list");

        Assert.Equal(ShedApp.ExitOk, run.ExitCode);
        Assert.Empty(launcher.Starts);
    }

    [Fact]
    public async Task List_DaemonUnhealthy_DoesNotStartAnotherAndShowsItsError()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var daemon = await FakeDaemon.StartAsync((app, _) =>
            app.MapGet("/api/v1beta/servers", () => FakeDaemon.Problem(503, "The container engine is not reachable.", "Start Docker.")), ct);
        var launcher = new FakeDaemonLauncher();

        var run = await CliRun.RunAsync(daemon.Url, launcher, null, "list");

        Assert.Equal(ShedApp.ExitFailure, run.ExitCode);
        Assert.Empty(launcher.Starts);
        Assert.Equal("shed: The container engine is not reachable. Start Docker.", run.Error.Trim());
    }

    [Fact]
    public async Task List_NothingAnswersAtNonLoopbackScheme_FailsWithoutStarting()
    {
        // https is never auto-started (the daemon serves plain HTTP); the port is closed, so nothing answers.
        var url = new Uri($"https://127.0.0.1:{FreePort()}/");
        var launcher = new FakeDaemonLauncher();

        var run = await CliRun.RunAsync(url, launcher, null, "list");

        Assert.Equal(ShedApp.ExitFailure, run.ExitCode);
        Assert.Empty(launcher.Starts);
        Assert.Contains("No Toolshed daemon answers", run.Error, StringComparison.Ordinal);
        Assert.Contains("TOOLSHED_API_URL", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_StartedDaemonNeverAnswers_FailsPointingAtTheLog()
    {
        var url = new Uri($"http://127.0.0.1:{FreePort()}/");
        var launcher = new FakeDaemonLauncher();

        var run = await CliRun.RunAsync(url, launcher, TimeSpan.FromMilliseconds(300), "list");

        Assert.Equal(ShedApp.ExitFailure, run.ExitCode);
        Assert.Single(launcher.Starts);
        Assert.Contains("did not answer", run.Error, StringComparison.Ordinal);
        Assert.Contains("daemon.log", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_NoDaemon_NeedsNone()
    {
        var launcher = new FakeDaemonLauncher();

        var run = await CliRun.RunAsync(new Uri($"http://127.0.0.1:{FreePort()}/"), launcher, null, "version");

        Assert.Equal(ShedApp.ExitOk, run.ExitCode);
        Assert.Empty(launcher.Starts);
        Assert.StartsWith("shed ", run.Out, StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
