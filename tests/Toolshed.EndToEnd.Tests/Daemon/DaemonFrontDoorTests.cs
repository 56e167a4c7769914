using System.Diagnostics;
using System.Net;
using Toolshed.EndToEnd.Tests.Cli;
using Toolshed.Testing;

namespace Toolshed.EndToEnd.Tests.Daemon;

/// <summary>
/// The daemon as its own process, as users and other local users meet it: one per state root, found by shed without
/// being told its URL, its token out of reach of other uids, status and stop.
/// </summary>
public sealed class DaemonFrontDoorTests : IAsyncLifetime
{
    private readonly TemporaryDirectory _home = new("toolshed-frontdoor");
    private DaemonProcess _daemon = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private Dictionary<string, string> Environment => new() { ["TOOLSHED_HOME"] = _home.Path };

    public async ValueTask InitializeAsync()
    {
        DockerRequirement.EnsureAvailable();
        _daemon = await DaemonProcess.StartAsync(_home.Path, cancellationToken: Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _daemon.DisposeAsync();
        _home.Dispose();
    }

    [Fact]
    public async Task SecondServe_SameStateRoot_ExitsOneNamingTheRunningDaemon()
    {
        var second = await ShedDll.RunAsync(Environment, "serve", "--port", DaemonProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.True(second.ExitCode == 1, second.ToString());
        Assert.Contains($"pid {_daemon.ProcessId}", second.Stderr, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{_daemon.Port}", second.Stderr, StringComparison.Ordinal);
        using var health = await _daemon.Client.GetAsync("api/v1beta/servers", Token);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task List_NoApiUrl_FindsTheRunningDaemonInsteadOfStartingOneOn8080()
    {
        var list = await ShedDll.RunAsync(Environment, "list", "--all");

        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.DoesNotContain("Started the Toolshed daemon", list.Stderr, StringComparison.Ordinal);
        Assert.Single(ShedDaemonsOn(_home.Path));
    }

    [Fact]
    public async Task SecretGet_ThroughTheCli_RevealsWithTheFilesToken()
    {
        var set = await ShedDllWithInputAsync("s3cr3t-value", "secret", "set", "frontdoor");
        var get = await ShedDll.RunAsync(Environment, "secret", "get", "frontdoor");

        Assert.True(set.ExitCode == 0, set.ToString());
        Assert.True(get.ExitCode == 0, get.ToString());
        Assert.Equal("s3cr3t-value", get.Stdout.Trim());
        Assert.Contains("Secret frontdoor revealed", _daemon.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t-value", _daemon.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnotherUser_CannotReadTheToken_AndGets401()
    {
        var tokenFile = Path.Combine(_home.Path, "state", "api-token");
        // A second local user (nobody): the state directory and the token file are its owner's only.
        var probe = await RunAsNobodyAsync(
            "cat \"$1\" >/dev/null 2>&1 && echo READ || echo DENIED; curl -s -o /dev/null -w '%{http_code}' \"$2\"",
            tokenFile, $"http://127.0.0.1:{_daemon.Port}/api/v1beta/servers");

        Assert.Equal("DENIED\n401", probe);
    }

    [Fact]
    public async Task DaemonToken_PrintsTheTokenOtherClientsCanUse()
    {
        var token = await ShedDll.RunAsync(Environment, "daemon", "token");

        Assert.True(token.ExitCode == 0, token.ToString());
        using var curlLike = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{_daemon.Port}/api/v1beta/secrets");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token.Stdout.Trim());
        using var response = await curlLike.SendAsync(request, Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task StatusThenStop_ShowsTheDaemonThenStopsIt()
    {
        var status = await ShedDll.RunAsync(Environment, "daemon", "status");
        var stop = await ShedDll.RunAsync(Environment, "daemon", "stop");
        var after = await ShedDll.RunAsync(Environment, "daemon", "status", "--format", "json");

        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Contains($"http://127.0.0.1:{_daemon.Port}", status.Stdout, StringComparison.Ordinal);
        Assert.Contains($"pid {_daemon.ProcessId}", status.Stdout, StringComparison.Ordinal);
        Assert.True(stop.ExitCode == 0, stop.ToString());
        Assert.False(Directory.Exists($"/proc/{_daemon.ProcessId}"), "the daemon still runs after `shed daemon stop`");
        Assert.Equal(1, after.ExitCode);
        Assert.Contains("\"running\": false", after.Stdout, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_home.Path, "state", "daemon.json")));
    }

    private async Task<ShedScript.Result> ShedDllWithInputAsync(string input, params string[] arguments)
    {
        var start = new ProcessStartInfo("sh") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("v=$1; shift; printf %s \"$v\" | dotnet \"$@\"");
        start.ArgumentList.Add("sh");
        start.ArgumentList.Add(input);
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "shed.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("TOOLSHED_API_URL");
        start.Environment["TOOLSHED_HOME"] = _home.Path;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(Token);
        var stderr = process.StandardError.ReadToEndAsync(Token);
        await process.WaitForExitAsync(Token);
        return new ShedScript.Result(process.ExitCode, await stdout, await stderr);
    }

    private static async Task<string> RunAsNobodyAsync(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo("setpriv") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["--reuid=65534", "--regid=65534", "--clear-groups", "--", "sh", "-c", script, "sh", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(Token);
        await process.WaitForExitAsync(Token);
        return (await stdout).Trim();
    }

    /// <summary>The `shed serve` processes whose environment names this TOOLSHED_HOME.</summary>
    private static List<int> ShedDaemonsOn(string home)
    {
        var found = new List<int>();
        foreach (var directory in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }

            try
            {
                var commandLine = File.ReadAllText(Path.Combine(directory, "cmdline")).Split('\0');
                var environment = File.ReadAllText(Path.Combine(directory, "environ")).Split('\0');
                if (commandLine.Contains("serve") && environment.Contains($"TOOLSHED_HOME={home}"))
                {
                    found.Add(pid);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Gone meanwhile, or not ours to read.
            }
        }

        return found;
    }
}
