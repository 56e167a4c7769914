using Microsoft.Extensions.DependencyInjection;
using Toolshed.Cli.Tests.Fakes;
using Toolshed.Server.Clients;
using Toolshed.Testing;

namespace Toolshed.Cli.Tests.Clients;

/// <summary>`shed client …` in-process against a real daemon whose client home is a temporary folder.</summary>
public sealed class ClientVerbTests : IAsyncLifetime
{
    private readonly TemporaryDirectory _directory = new("toolshed-client-cli");
    private DaemonHost _daemon = null!;

    private string Home => _directory.Combine("home");

    /// <summary>The daemon's own home: shed's requests name the caller's, so nothing may land here.</summary>
    private string DaemonHome => _directory.Combine("daemon-home");

    /// <summary>shed run by the user whose home is <see cref="Home"/>.</summary>
    private Dictionary<string, string> AsUser => new() { ["HOME"] = Home };

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(Home, ".cursor"));
        Directory.CreateDirectory(Path.Combine(Home, ".config", "zed"));
        Directory.CreateDirectory(Path.Combine(DaemonHome, ".cursor"));
        _daemon = await DaemonHost.StartAsync(
            TestPaths.In(_directory),
            TestContext.Current.CancellationToken,
            builder => builder.Services.AddSingleton(new ClientOptions { HomeDirectory = DaemonHome }));
    }

    public async ValueTask DisposeAsync()
    {
        await _daemon.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task RegisterThenList_InstalledClient_ShowsInstalledAndRegistered()
    {
        var register = await CliRun.RunAsync(_daemon, AsUser, "client", "register", "cursor");
        var list = await CliRun.RunAsync(_daemon, AsUser, "client", "list");

        Assert.Equal(0, register.ExitCode);
        Assert.Contains("Registered Cursor", register.Out, StringComparison.Ordinal);
        Assert.Equal(0, list.ExitCode);
        var lines = list.Out.Split('\n');
        Assert.Matches(@"^NAME\s+CLIENT\s+INSTALLED\s+REGISTERED\s+CONFIG$", lines[0]);
        Assert.Matches(@"^cursor\s+Cursor\s+yes\s+yes\s+", Assert.Single(lines, l => l.StartsWith("cursor ", StringComparison.Ordinal)));
        Assert.Matches(@"^zed\s+Zed\s+yes\s+no\s+", Assert.Single(lines, l => l.StartsWith("zed ", StringComparison.Ordinal)));
        Assert.Matches(@"^codex\s+Codex CLI\s+no\s+no\s+", Assert.Single(lines, l => l.StartsWith("codex ", StringComparison.Ordinal)));
        Assert.Contains(Path.Combine(Home, ".cursor", "mcp.json"), list.Out, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(DaemonHome, ".cursor")));
    }

    [Fact]
    public async Task List_AnotherUsersHome_NotRegisteredThere()
    {
        await CliRun.RunAsync(_daemon, AsUser, "client", "register", "cursor");
        var other = _directory.Combine("other-user");
        Directory.CreateDirectory(other);

        var list = await CliRun.RunAsync(_daemon, new Dictionary<string, string> { ["HOME"] = other }, "client", "list", "--format", "json");

        Assert.Equal(0, list.ExitCode);
        Assert.Contains($"\"config_path\": \"{Path.Combine(other, ".cursor", "mcp.json")}\"", list.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("\"registered\": true", list.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_ClientHomeOverride_UsesItInsteadOfHome()
    {
        var overridden = _directory.Combine("override");
        Directory.CreateDirectory(overridden);

        var result = await CliRun.RunAsync(
            _daemon, new Dictionary<string, string> { ["HOME"] = Home, ["TOOLSHED_CLIENT_HOME"] = overridden }, "client", "register", "cursor");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(Path.Combine(overridden, ".cursor", "mcp.json"), result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_HomeThatDoesNotExist_FailsNamingIt()
    {
        var missing = _directory.Combine("nobody");

        var result = await CliRun.RunAsync(_daemon, new Dictionary<string, string> { ["HOME"] = missing }, "client", "register", "cursor");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"home {missing} is not an existing directory", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Remove_NotRegistered_FailsWithHint()
    {
        var result = await CliRun.RunAsync(_daemon, AsUser, "client", "remove", "zed");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Zed is not registered", result.Error, StringComparison.Ordinal);
        Assert.Contains("shed client list", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Setup_StdinNotATerminal_PrintsInstalledClientsAndRegisterCommands()
    {
        var result = await CliRun.RunAsync(_daemon, AsUser, "client", "setup");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("shed client register cursor", result.Out, StringComparison.Ordinal);
        Assert.Contains("shed client register zed", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("codex", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Setup_AtATerminal_RegistersTheClientsPicked()
    {
        // Installed clients are listed in catalog order; pick the second after one answer that is not a number.
        var result = await CliRun.RunAsync(_daemon, AsUser, new CliInput("nine\n2\n", Interactive: true), "client", "setup");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("Please answer with numbers from 1 to 2.", result.Out, StringComparison.Ordinal);
        var picked = result.Out.Contains("2. Zed", StringComparison.Ordinal) ? ("zed", "cursor") : ("cursor", "zed");
        var list = await CliRun.RunAsync(_daemon, AsUser, "client", "list");
        Assert.Matches($@"(?m)^{picked.Item1}\s+\S+(\s\S+)?\s+yes\s+yes\s+", list.Out);
        Assert.Matches($@"(?m)^{picked.Item2}\s+\S+(\s\S+)?\s+yes\s+no\s+", list.Out);
    }
}
