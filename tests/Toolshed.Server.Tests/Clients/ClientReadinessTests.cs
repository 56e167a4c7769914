using Toolshed.Server.Clients;

namespace Toolshed.Server.Tests.Clients;

/// <summary>Workload starts reach registered clients only through readiness, and deletes take entries (and files Toolshed made) out.</summary>
public sealed class ClientReadinessTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WorkloadStarted_NotReadyThenReady_EntryWrittenOnlyOnceReadyAndDeleteRemovesTheFileToolshedMade()
    {
        await using var host = await ClientsDaemon.StartAsync();
        Directory.CreateDirectory(host.InHome(".codex"));
        (await host.Daemon.Client.PostAsync("api/v1beta/clients/codex", null, Token)).EnsureSuccessStatusCode();
        var watcher = host.Daemon.GetService<WorkloadReadinessWatcher>();
        IWorkloadEvents events = watcher;
        var config = host.InHome(".codex", "config.toml");

        await events.WorkloadStartedAsync("fetch", 41001, Token);
        await host.Probe.AskedAsync("fetch").WaitAsync(TimeSpan.FromSeconds(30), Token);
        var beforeReady = File.Exists(config);
        host.Probe.SetReady("fetch");
        await watcher.WhenSettledAsync("fetch").WaitAsync(TimeSpan.FromSeconds(30), Token);
        var afterReady = await File.ReadAllTextAsync(config, Token);
        await events.WorkloadRemovedAsync("fetch", Token);

        Assert.False(beforeReady);
        Assert.Equal("[mcp_servers.toolshed-fetch]\nurl = \"http://127.0.0.1:41001/mcp\"\n", afterReady);
        // Toolshed created the file: no backup of it, and it goes with its last entry; the directory was the user's.
        Assert.False(File.Exists(config));
        Assert.False(File.Exists(config + ".toolshed-backup"));
        Assert.True(Directory.Exists(host.InHome(".codex")));
    }

    [Fact]
    public async Task WorkloadStarted_NeverAnswers_NeverWrittenIntoClients()
    {
        await using var host = await ClientsDaemon.StartAsync(readinessTimeout: TimeSpan.FromMilliseconds(100));
        Directory.CreateDirectory(host.InHome(".cursor"));
        (await host.Daemon.Client.PostAsync("api/v1beta/clients/cursor", null, Token)).EnsureSuccessStatusCode();
        var watcher = host.Daemon.GetService<WorkloadReadinessWatcher>();

        await ((IWorkloadEvents)watcher).WorkloadStartedAsync("crashing", 41002, Token);
        await watcher.WhenSettledAsync("crashing").WaitAsync(TimeSpan.FromSeconds(30), Token);

        Assert.False(File.Exists(host.InHome(".cursor", "mcp.json")));
        Assert.False(host.Daemon.GetService<ReadyWorkloads>().IsReady("crashing", 41002));
    }

    [Fact]
    public async Task WorkloadRemoved_WhileWaitingForReadiness_NeverWritten()
    {
        await using var host = await ClientsDaemon.StartAsync();
        Directory.CreateDirectory(host.InHome(".cursor"));
        (await host.Daemon.Client.PostAsync("api/v1beta/clients/cursor", null, Token)).EnsureSuccessStatusCode();
        var watcher = host.Daemon.GetService<WorkloadReadinessWatcher>();
        IWorkloadEvents events = watcher;
        await events.WorkloadStartedAsync("brief", 41003, Token);
        await host.Probe.AskedAsync("brief").WaitAsync(TimeSpan.FromSeconds(30), Token);
        var watch = watcher.WhenSettledAsync("brief");

        await events.WorkloadRemovedAsync("brief", Token);
        host.Probe.SetReady("brief");
        await watch.WaitAsync(TimeSpan.FromSeconds(30), Token);

        Assert.False(File.Exists(host.InHome(".cursor", "mcp.json")));
    }

    [Fact]
    public async Task Register_RunningButNotReadyWorkload_NotWritten()
    {
        await using var host = await ClientsDaemon.StartAsync();
        Directory.CreateDirectory(host.InHome(".cursor"));
        await ClientsApiTests.InsertRunningAsync(host, "ready", 41004);
        var store = host.Daemon.GetService<Toolshed.Server.Workloads.Persistence.WorkloadStore>();
        Assert.True(await store.TryInsertAsync(
            new Toolshed.Server.Workloads.WorkloadRecord { Spec = new Toolshed.Core.Workloads.WorkloadSpec { Name = "looping", Image = "example/none:1", ProxyPort = 41005 } }, Token));

        (await host.Daemon.Client.PostAsync("api/v1beta/clients/cursor", null, Token)).EnsureSuccessStatusCode();

        var text = await File.ReadAllTextAsync(host.InHome(".cursor", "mcp.json"), Token);
        Assert.Contains("toolshed-ready", text, StringComparison.Ordinal);
        Assert.DoesNotContain("toolshed-looping", text, StringComparison.Ordinal);
    }
}
