using System.Net.Http.Json;
using System.Text.Json;
using Toolshed.Clients;
using Toolshed.EndToEnd.Tests.Cli;
using Toolshed.Testing;

namespace Toolshed.EndToEnd.Tests.Clients;

/// <summary>
/// `./shed client …` run by one user against a daemon started by another (HOME=A for the daemon, HOME=B for shed):
/// B's configs are edited, A's never; a workload reaches B's config only once it answers, and a file Toolshed created
/// leaves with its last entry, without a backup.
/// </summary>
public sealed class ClientHomeEndToEndTests : IAsyncLifetime
{
    private const string AsFile = "{\n  \"mcpServers\": {\n    \"theirs\": { \"url\": \"http://127.0.0.1:1/mcp\" }\n  }\n}\n";
    private static readonly TimeSpan s_wait = TimeSpan.FromMinutes(2);
    private readonly TemporaryDirectory _directory = new("toolshed-e2e-client-home");
    private DaemonProcess _daemon = null!;
    private ShedScript _shed = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private string DaemonHome => _directory.Combine("home-a");

    private string UserHome => _directory.Combine("home-b");

    private string UserCursor => Path.Combine(UserHome, ".cursor", "mcp.json");

    private string DaemonCursor => Path.Combine(DaemonHome, ".cursor", "mcp.json");

    public async ValueTask InitializeAsync()
    {
        DockerRequirement.EnsureAvailable();
        Directory.CreateDirectory(Path.Combine(DaemonHome, ".cursor"));
        Directory.CreateDirectory(Path.Combine(UserHome, ".cursor"));
        await File.WriteAllTextAsync(DaemonCursor, AsFile, Token);
        var state = _directory.Combine("toolshed");
        _daemon = await DaemonProcess.StartAsync(state, 0, new Dictionary<string, string> { ["HOME"] = DaemonHome }, Token);
        _shed = new ShedScript(state, _daemon.Port) { Environment = new Dictionary<string, string> { ["HOME"] = UserHome } };
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            var list = await _daemon.Client.GetFromJsonAsync<JsonElement>("api/v1beta/servers?all=true");
            foreach (var server in list.GetProperty("servers").EnumerateArray())
            {
                await _daemon.Client.DeleteAsync($"api/v1beta/servers/{server.GetProperty("name").GetString()}");
            }
        }
        finally
        {
            await _daemon.DisposeAsync();
            _directory.Dispose();
        }
    }

    [Fact]
    public async Task RegisterRunRm_DaemonOfAnotherHome_OnlyTheCallersConfigFollowsAndLeavesNoTrace()
    {
        var register = await _shed.RunAsync("client", "register", "cursor");
        var list = await _shed.RunAsync("client", "list", "--format", "json");

        Assert.True(register.ExitCode == 0, register.ToString());
        Assert.Contains(UserCursor, register.Stdout, StringComparison.Ordinal);
        var cursor = JsonDocument.Parse(list.Stdout).RootElement.GetProperty("clients").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "cursor");
        Assert.Equal(UserCursor, cursor.GetProperty("config_path").GetString());
        Assert.True(cursor.GetProperty("registered").GetBoolean());

        var good = Unique("good");
        var run = await _shed.RunAsync("run", TestImages.Everything, "--name", good);
        Assert.True(run.ExitCode == 0, run.ToString());
        var withEntry = await WaitForAsync(async () =>
            File.Exists(UserCursor) && await File.ReadAllTextAsync(UserCursor, Token) is var text && text.Contains(ConfigEntry.NameFor(good), StringComparison.Ordinal) ? text : null);
        Assert.Contains("\"url\": \"http://127.0.0.1:", withEntry, StringComparison.Ordinal);

        Assert.Equal(0, (await _shed.RunAsync("rm", good)).ExitCode);

        // The file did not exist before Toolshed: it is gone with the last entry, and no backup was ever made.
        Assert.False(File.Exists(UserCursor));
        Assert.False(File.Exists(UserCursor + ClientConfigFile.BackupSuffix));
        Assert.True(Directory.Exists(Path.Combine(UserHome, ".cursor")));
        // The daemon's own user: untouched.
        Assert.Equal(AsFile, await File.ReadAllTextAsync(DaemonCursor, Token));
        Assert.Equal([DaemonCursor], Directory.GetFiles(Path.Combine(DaemonHome, ".cursor")));
    }

    [Fact]
    public async Task Run_ServerThatExitsAtOnce_NeverWrittenIntoTheClient()
    {
        Assert.Equal(0, (await _shed.RunAsync("client", "register", "cursor")).ExitCode);
        var crash = Unique("crash");
        var good = Unique("good");

        // Whatever `shed run` reports for it, a server that exits at once must not reach a client's config.
        await _shed.RunAsync("run", TestImages.Everything, "--name", crash, "--", "bogus");
        Assert.Equal(0, (await _shed.RunAsync("run", TestImages.Everything, "--name", good)).ExitCode);
        await WaitForAsync(async () =>
            File.Exists(UserCursor) && (await File.ReadAllTextAsync(UserCursor, Token)).Contains(ConfigEntry.NameFor(good), StringComparison.Ordinal) ? "" : null);
        // It crashed and was started again at least once since: every start was a chance to be written.
        await WaitForAsync(async () =>
        {
            var info = await _daemon.Client.GetFromJsonAsync<JsonElement>($"api/v1beta/servers/{crash}", Token);
            return info.GetProperty("status").GetString() is { } status && status.Contains("restarted ", StringComparison.Ordinal) ? status : null;
        });

        var text = await File.ReadAllTextAsync(UserCursor, Token);
        Assert.DoesNotContain(ConfigEntry.NameFor(crash), text, StringComparison.Ordinal);
        Assert.Contains(ConfigEntry.NameFor(good), text, StringComparison.Ordinal);
    }

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];

    private static async Task<string> WaitForAsync(Func<Task<string?>> probe)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Token);
        timeout.CancelAfter(s_wait);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
        do
        {
            if (await probe() is { } found)
            {
                return found;
            }
        }
        while (await timer.WaitForNextTickAsync(timeout.Token));

        throw new TimeoutException("never happened");
    }
}
