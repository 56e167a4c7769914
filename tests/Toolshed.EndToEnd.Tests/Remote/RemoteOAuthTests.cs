using ModelContextProtocol;
using Toolshed.EndToEnd.Tests.Cli;
using Toolshed.EndToEnd.Tests.Servers;
using Toolshed.Testing;

namespace Toolshed.EndToEnd.Tests.Remote;

/// <summary>
/// `./shed run URL` against a remote that answers 401: Toolshed discovers the real authorization server, registers
/// itself, signs in through a "browser" that follows the redirects back to the daemon's loopback listener, and serves
/// the remote's tools at a local URL; the 4-second token is refreshed, and a refused refresh leaves the workload
/// "needs sign-in" with a clear error to the client. No container engine is involved.
/// </summary>
public sealed class RemoteOAuthTests : IAsyncDisposable
{
    private readonly TemporaryDirectory _home = new("toolshed-remote-oauth");
    private readonly ShedScript _shed;

    public RemoteOAuthTests()
    {
        _shed = new ShedScript(_home.Path, DaemonProcess.FreePort())
        {
            Environment = { ["BROWSER"] = OAuthRemote.Browser },
        };
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        await _shed.RunAsync("rm", "--force", "signed");
        _shed.KillDaemon();
        _home.Dispose();
    }

    [Fact]
    public async Task Run_RemoteWithOAuth_SignsInRefreshesAndSaysWhenSignInIsNeeded()
    {
        await using var remote = await OAuthRemote.StartAsync(Token);

        var run = await _shed.RunAsync("run", remote.Remote, "--name", "signed", "--format", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Opened your browser", run.Stderr, StringComparison.Ordinal);
        var stats = await remote.StatsAsync(Token);
        Assert.Equal(1, stats.GetProperty("registrations").GetInt32());
        Assert.Equal(1, stats.GetProperty("authorization_code").GetInt32());
        var port = new Uri(System.Text.Json.JsonDocument.Parse(run.Stdout).RootElement.GetProperty("url").GetString()!).Port;
        await using (var client = await McpProbe.ConnectAsync(port))
        {
            Assert.Equal("Echo: first", await McpProbe.EchoAsync(client, "first"));

            // The access token lives 4 seconds: the next call needs a refreshed one.
            await Task.Delay(TimeSpan.FromSeconds(5), Token);
            Assert.Equal("Echo: after expiry", await McpProbe.EchoAsync(client, "after expiry"));
            Assert.True((await remote.StatsAsync(Token)).GetProperty("refresh_token").GetInt32() >= 1);

            // The remote stops taking every token it saw and the server forgets every refresh token.
            await remote.PostAsync("revoke-access", Token);
            await remote.PostAsync("revoke-refresh", Token);
            var refused = await Assert.ThrowsAnyAsync<McpException>(async () => await McpProbe.EchoAsync(client, "refused"));
            Assert.Contains("needs sign-in", refused.Message, StringComparison.Ordinal);
            Assert.Contains("shed auth login signed", refused.Message, StringComparison.Ordinal);
        }

        var status = await _shed.RunAsync("auth", "status", "signed");
        Assert.Contains("needs sign-in: refreshing its token was refused (invalid_grant", status.Stdout, StringComparison.Ordinal);
        var list = await _shed.RunAsync("list");
        Assert.Contains("Needs sign-in", list.Stdout, StringComparison.Ordinal);

        // Signing in again serves it again.
        var login = await _shed.RunAsync("auth", "login", "signed");
        Assert.True(login.ExitCode == 0, login.ToString());
        await using var again = await McpProbe.ConnectAsync(port);
        Assert.Equal("Echo: again", await McpProbe.EchoAsync(again, "again"));

        // No token in what the API shows or the logs keep.
        var inspect = await _shed.RunAsync("inspect", "signed", "--format", "json");
        var logs = await _shed.RunAsync("logs", "signed");
        Assert.DoesNotContain("eyJ", inspect.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("eyJ", logs.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"sign_in\"", inspect.Stdout, StringComparison.Ordinal);
    }
}
