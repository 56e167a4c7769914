using System.Text.Json;
using Toolshed.Core.Configuration;
using Toolshed.Server.Hosting;
using Toolshed.Testing;

namespace Toolshed.Server.Tests.Hosting;

/// <summary>One daemon per state root: the second is refused, naming the first; the lock and daemon.json go with it.</summary>
public sealed class DaemonLockTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new("toolshed-lock");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private ToolshedPaths Paths => TestPaths.In(_directory);

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task SecondDaemon_SameStateRoot_IsRefusedNamingTheFirst()
    {
        await using var first = await DaemonHost.StartAsync(Paths, Token);

        var refused = await Assert.ThrowsAsync<DaemonAlreadyRunningException>(() => DaemonHost.StartAsync(Paths, Token));

        Assert.Equal(Environment.ProcessId, refused.Running?.ProcessId);
        Assert.Contains(first.BaseAddress.AbsoluteUri.TrimEnd('/'), refused.Message, StringComparison.Ordinal);
        Assert.Contains("shed daemon stop", refused.Message, StringComparison.Ordinal);
        using var stillServing = await first.Client.GetAsync("api/v1beta/servers", Token);
        Assert.True(stillServing.IsSuccessStatusCode);
    }

    [Fact]
    public async Task RunningDaemon_WritesItsUrlAndPid_AndRemovesThemWhenItStops()
    {
        var daemon = await DaemonHost.StartAsync(Paths, Token);
        var info = JsonDocument.Parse(await File.ReadAllTextAsync(Paths.DaemonInfoPath, Token)).RootElement;
        Assert.Equal(daemon.BaseAddress.AbsoluteUri.TrimEnd('/'), info.GetProperty("url").GetString()!.TrimEnd('/'));
        Assert.Equal(Environment.ProcessId, info.GetProperty("pid").GetInt32());

        await daemon.DisposeAsync();

        Assert.False(File.Exists(Paths.DaemonInfoPath));
        await using var next = await DaemonHost.StartAsync(Paths, Token);
        Assert.True(File.Exists(Paths.DaemonInfoPath));
    }

    [Fact]
    public async Task OtherStateRoot_RunsBeside()
    {
        using var other = new TemporaryDirectory("toolshed-lock-other");
        await using var first = await DaemonHost.StartAsync(Paths, Token);

        await using var second = await DaemonHost.StartAsync(TestPaths.In(other), Token);

        Assert.NotEqual(first.BaseAddress, second.BaseAddress);
    }
}
