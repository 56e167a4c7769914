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

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(Home, ".cursor"));
        Directory.CreateDirectory(Path.Combine(Home, ".config", "zed"));
        _daemon = await DaemonHost.StartAsync(
            TestPaths.In(_directory),
            TestContext.Current.CancellationToken,
            builder => builder.Services.AddSingleton(new ClientOptions { HomeDirectory = Home }));
    }

    public async ValueTask DisposeAsync()
    {
        await _daemon.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task RegisterThenList_InstalledClient_ShowsInstalledAndRegistered()
    {
        var register = await CliRun.RunAsync(_daemon, "client", "register", "cursor");
        var list = await CliRun.RunAsync(_daemon, "client", "list");

        Assert.Equal(0, register.ExitCode);
        Assert.Contains("Registered Cursor", register.Out, StringComparison.Ordinal);
        Assert.Equal(0, list.ExitCode);
        var lines = list.Out.Split('\n');
        Assert.Matches(@"^NAME\s+CLIENT\s+INSTALLED\s+REGISTERED\s+CONFIG$", lines[0]);
        Assert.Matches(@"^cursor\s+Cursor\s+yes\s+yes\s+", Assert.Single(lines, l => l.StartsWith("cursor ", StringComparison.Ordinal)));
        Assert.Matches(@"^zed\s+Zed\s+yes\s+no\s+", Assert.Single(lines, l => l.StartsWith("zed ", StringComparison.Ordinal)));
        Assert.Matches(@"^codex\s+Codex CLI\s+no\s+no\s+", Assert.Single(lines, l => l.StartsWith("codex ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Remove_NotRegistered_FailsWithHint()
    {
        var result = await CliRun.RunAsync(_daemon, "client", "remove", "zed");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Zed is not registered", result.Error, StringComparison.Ordinal);
        Assert.Contains("shed client list", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Setup_StdinNotATerminal_PrintsInstalledClientsAndRegisterCommands()
    {
        // Test hosts run with stdin redirected: the same path a script or CI takes.
        Assert.True(Console.IsInputRedirected, "this test needs stdin redirected, as under dotnet test");

        var result = await CliRun.RunAsync(_daemon, "client", "setup");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("shed client register cursor", result.Out, StringComparison.Ordinal);
        Assert.Contains("shed client register zed", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("codex", result.Out, StringComparison.Ordinal);
    }
}
