using System.Text.Json;
using Toolshed.EndToEnd.Tests.Cli;
using Toolshed.EndToEnd.Tests.Servers;
using Toolshed.Testing;

namespace Toolshed.EndToEnd.Tests.Remote;

/// <summary>
/// `./shed run URL` for remotes that speak the legacy transport, take an API key header, get tokens for the wrong
/// audience, or name an authorization server on the cloud metadata address — each against tests/clients/oauth/remote.mjs,
/// with no container engine involved.
/// </summary>
public sealed class RemoteConnectionTests : IAsyncDisposable
{
    private const string ApiKey = "k3y-9f2c-only-for-the-remote";
    private readonly TemporaryDirectory _home = new("toolshed-remote-conn");
    private readonly ShedScript _shed;

    public RemoteConnectionTests()
    {
        _shed = new ShedScript(_home.Path, DaemonProcess.FreePort())
        {
            Environment = { ["BROWSER"] = OAuthRemote.Browser },
        };
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        _shed.KillDaemon();
        _home.Dispose();
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Run_LegacySseRemote_IsDetectedAndServedAtTheLocalMcpUrl()
    {
        await using var remote = await OAuthRemote.StartAsync(Token);

        var run = await _shed.RunAsync("run", remote.LegacySse, "--name", "legacy", "--format", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var inspect = JsonDocument.Parse((await _shed.RunAsync("inspect", "legacy", "--format", "json")).Stdout).RootElement;
        Assert.Equal("sse", inspect.GetProperty("transport").GetString());
        Assert.Equal("sse", inspect.GetProperty("remote").GetProperty("transport").GetString());
        Assert.True(inspect.GetProperty("remote").GetProperty("transport_detected").GetBoolean());
        Assert.Contains("(sse, detected)", (await _shed.RunAsync("logs", "legacy")).Stdout, StringComparison.Ordinal);
        await using var client = await McpProbe.ConnectAsync(run.UrlPort);
        Assert.Equal("Echo: over legacy sse", await McpProbe.EchoAsync(client, "over legacy sse"));
    }

    [Fact]
    public async Task Run_RemoteWithAHeaderFromASecret_SendsItToTheRemoteOnlyAndNeverShowsIt()
    {
        await using var remote = await OAuthRemote.StartAsync(Token, ApiKey);
        var missing = await _shed.RunAsync("run", remote.Keyed, "--name", "keyed", "--header", "X-Api-Key: {secret:remote-key}");
        Assert.True(missing.ExitCode != 0, missing.ToString());
        Assert.Contains("remote-key", missing.Stderr, StringComparison.Ordinal);
        Assert.Contains("shed secret set remote-key", missing.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("keyed", (await _shed.RunAsync("list", "--all")).Stdout, StringComparison.Ordinal);

        Assert.Equal(0, (await _shed.RunWithInputAsync(ApiKey, "secret", "set", "remote-key")).ExitCode);
        var run = await _shed.RunAsync("run", remote.Keyed, "--name", "keyed", "--header", "X-Api-Key: {secret:remote-key}", "--format", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        // The local caller's own token stays here; the remote sees only its key.
        await using (var client = await McpProbe.ConnectAsync(run.UrlPort, token: "local-caller-token"))
        {
            Assert.Equal("Echo: keyed", await McpProbe.EchoAsync(client, "keyed"));
        }

        var stats = await remote.StatsAsync(Token);
        Assert.Equal(ApiKey, stats.GetProperty("last_key_header").GetString());
        Assert.Equal(JsonValueKind.Null, stats.GetProperty("last_authorization").ValueKind);
        var inspect = await _shed.RunAsync("inspect", "keyed", "--format", "json");
        Assert.Contains("\"X-Api-Key\"", inspect.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKey, inspect.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKey, (await _shed.RunAsync("logs", "keyed")).Stdout, StringComparison.Ordinal);
        // Every file the daemon wrote but its lock (held exclusively, and empty).
        foreach (var file in Directory.EnumerateFiles(_home.Path, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".lock", StringComparison.Ordinal)))
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            Assert.False((await reader.ReadToEndAsync(Token)).Contains(ApiKey, StringComparison.Ordinal), $"{file} holds the key in plain text");
        }
    }

    [Fact]
    public async Task Run_RemoteThatRefusesTheTokensItsServerIssues_SaysSoAndStopsAskingForNewOnes()
    {
        await using var remote = await OAuthRemote.StartAsync(Token);

        var run = await _shed.RunAsync("run", remote.WrongAudience, "--name", "wrong", "--format", "json");

        Assert.True(run.ExitCode == 1, run.ToString());
        foreach (var expected in new[] { "refused a token just issued for it (invalid_token", "check the audience it gives tokens for", "Last lines of its connection log:" })
        {
            Assert.True(run.Stderr.Contains(expected, StringComparison.Ordinal), $"no \"{expected}\" in {run}");
        }

        var refreshes = (await remote.StatsAsync(Token)).GetProperty("refresh_token").GetInt32();
        Assert.True(refreshes <= 1, $"{refreshes} refreshes for one refused token");

        // Later callers are told the same without the authorization server being asked again.
        var inspect = JsonDocument.Parse((await _shed.RunAsync("inspect", "wrong", "--format", "json")).Stdout).RootElement;
        var port = inspect.GetProperty("proxy_port").GetInt32();
        for (var i = 0; i < 3; i++)
        {
            var refused = await Assert.ThrowsAnyAsync<Exception>(() => ConnectAndDisposeAsync(port));
            Assert.Contains("needs sign-in", refused.ToString(), StringComparison.Ordinal);
        }

        Assert.Equal(refreshes, (await remote.StatsAsync(Token)).GetProperty("refresh_token").GetInt32());
        Assert.Equal("needs_sign_in", inspect.GetProperty("remote").GetProperty("sign_in").GetProperty("state").GetString());
    }

    [Fact]
    public async Task Run_RemoteWhoseMetadataNamesTheCloudMetadataAddress_IsRefusedAndKeptWaitingForSignIn()
    {
        await using var remote = await OAuthRemote.StartAsync(Token);

        var run = await _shed.RunAsync("run", remote.PointsAtMetadataAddress, "--name", "ssrf");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("'https://169.254.169.254/latest' that the remote's metadata names is at a link-local address", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("--oauth-allow-private-host", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("The workload 'ssrf' is kept; it waits for sign-in.", run.Stderr, StringComparison.Ordinal);
        var status = await _shed.RunAsync("auth", "status", "ssrf");
        Assert.Contains("needs sign-in", status.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, (await _shed.RunAsync("rm", "ssrf")).ExitCode);
    }

    [Fact]
    public async Task Run_RemoteWhoseTokenEndpointIsTheCloudMetadataAddress_IsRefusedBeforeSignIn()
    {
        await using var remote = await OAuthRemote.StartAsync(Token);

        var run = await _shed.RunAsync("run", remote.TokenEndpointAtMetadataAddress, "--name", "ssrf-token");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("The token endpoint 'https://169.254.169.254/latest/meta-data/token' that the remote's metadata names is at a link-local address", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Opened your browser", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, (await remote.StatsAsync(Token)).GetProperty("registrations").GetInt32());
    }

    [Fact]
    public async Task Run_RegistryEntryOfARemote_AsksForItsHeaderThenServesIt()
    {
        await using var remote = await OAuthRemote.StartAsync(Token, ApiKey);
        var file = Path.Combine(_home.Path, "hosted.json");
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["version"] = "1",
            ["remote_servers"] = new Dictionary<string, object>
            {
                ["keyed-remote"] = new Dictionary<string, object>
                {
                    ["description"] = "The everything server behind an API key",
                    ["url"] = remote.Keyed,
                    ["transport"] = "streamable-http",
                    ["headers"] = new[] { new Dictionary<string, object> { ["name"] = "X-Api-Key", ["description"] = "The remote's key", ["required"] = true, ["secret"] = true } },
                },
            },
        }), Token);
        Assert.Equal(0, (await _shed.RunAsync("registry", "add", "hosted", file)).ExitCode);

        var info = await _shed.RunAsync("registry", "info", "hosted/keyed-remote");
        Assert.Contains($"URL:         {remote.Keyed} (a remote server)", info.Stdout, StringComparison.Ordinal);
        Assert.Contains("X-Api-Key", info.Stdout, StringComparison.Ordinal);
        var missing = await _shed.RunAsync("run", "hosted/keyed-remote");
        Assert.True(missing.ExitCode != 0, missing.ToString());
        Assert.Contains("needs the header: --header 'X-Api-Key: {secret:NAME}' (The remote's key)", missing.Stderr, StringComparison.Ordinal);

        Assert.Equal(0, (await _shed.RunWithInputAsync(ApiKey, "secret", "set", "remote-key")).ExitCode);

        // The entry's URL is the registry's word, not the user's: a loopback address is refused until allowed.
        var guarded = await _shed.RunAsync("run", "hosted/keyed-remote", "--header", "X-Api-Key: {secret:remote-key}", "--name", "guarded");
        Assert.True(guarded.ExitCode == 1, guarded.ToString());
        Assert.Contains("127.0.0.1 is a loopback address", guarded.Stderr, StringComparison.Ordinal);
        Assert.Contains("--oauth-allow-private-host 127.0.0.1", guarded.Stderr, StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, (await remote.StatsAsync(Token)).GetProperty("last_key_header").ValueKind);
        Assert.DoesNotContain("guarded", (await _shed.RunAsync("list", "--all")).Stdout, StringComparison.Ordinal);

        var run = await _shed.RunAsync(
            "run", "hosted/keyed-remote", "--header", "X-Api-Key: {secret:remote-key}", "--oauth-allow-private-host", "127.0.0.1", "--format", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        await using (var client = await McpProbe.ConnectAsync(run.UrlPort))
        {
            Assert.Equal("Echo: from the registry", await McpProbe.EchoAsync(client, "from the registry"));
        }

        var inspect = JsonDocument.Parse((await _shed.RunAsync("inspect", "keyed-remote", "--format", "json")).Stdout).RootElement;
        Assert.Equal("hosted/keyed-remote", inspect.GetProperty("registry_server").GetString());
        Assert.Equal(remote.Keyed, inspect.GetProperty("remote").GetProperty("url").GetString());
    }

    private static async Task ConnectAndDisposeAsync(int port)
    {
        await using var client = await McpProbe.ConnectAsync(port);
    }

}
