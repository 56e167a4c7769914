using Toolshed.Core.Errors;
using Toolshed.Core.Runtime;
using Toolshed.Core.Workloads;
using Toolshed.Server.Workloads;

namespace Toolshed.Server.Tests.Workloads.Lifecycle;

/// <summary>The supervisor's rules on a fake runtime: what each operation leaves behind, on success and on failure.</summary>
public sealed class WorkloadSupervisorTests : IAsyncLifetime
{
    private readonly LifecycleHarness _h = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _h.DisposeAsync();

    [Fact]
    public async Task Create_Succeeds_StoresTheInstanceAttachesTheProxyAndNotifies()
    {
        var record = await _h.Supervisor.CreateAsync(LifecycleHarness.Definition("alpha"), Ct);

        var stored = await _h.Store.GetAsync("alpha", Ct);
        var endpoint = Assert.Single(_h.Proxies.Open);
        Assert.Equal(_h.Runtime.Instances["alpha"].Id, stored!.ContainerId);
        Assert.Equal(endpoint.Port, stored.Spec.ProxyPort);
        Assert.IsType<HttpUpstream>(endpoint.Upstream);
        Assert.True(_h.Supervisor.IsServed("alpha"));
        Assert.Equal([$"started alpha {record.Spec.ProxyPort}"], _h.Events.Events);
    }

    [Fact]
    public async Task Create_LaunchFails_LeavesNoRecordNoListenerNoInstance()
    {
        _h.Runtime.NextLaunchFailure = new ContainerEngineException("the engine refused the container");

        await Assert.ThrowsAsync<ContainerEngineException>(() => _h.Supervisor.CreateAsync(LifecycleHarness.Definition("alpha"), Ct));

        Assert.Null(await _h.Store.GetAsync("alpha", Ct));
        Assert.Empty(_h.Proxies.Open);
        Assert.Empty(_h.Runtime.Instances);
        Assert.False(_h.Supervisor.IsServed("alpha"));
        Assert.Empty(_h.Events.Events);
    }

    [Fact]
    public async Task Create_MissingSecret_IsA400NamingIt_AndLeavesNothing()
    {
        var definition = LifecycleHarness.Definition("alpha", "none", new SecretReference("github-pat", "GITHUB_TOKEN"));

        var error = await Assert.ThrowsAsync<InvalidInputException>(() => _h.Supervisor.CreateAsync(definition, Ct));

        Assert.Contains("github-pat", error.Message, StringComparison.Ordinal);
        Assert.Null(await _h.Store.GetAsync("alpha", Ct));
        Assert.Empty(_h.Proxies.Open);
        Assert.Equal(0, _h.Runtime.Launches);
    }

    [Fact]
    public async Task Create_ResolvedSecrets_ReachTheRuntimeOnly()
    {
        _h.Secrets.Values["github-pat"] = "s3cr3t";
        var definition = LifecycleHarness.Definition("alpha", "none", new SecretReference("github-pat", "GITHUB_TOKEN"));

        var record = await _h.Supervisor.CreateAsync(definition, Ct);

        Assert.Equal("s3cr3t", _h.Runtime.Instances["alpha"].Secrets["GITHUB_TOKEN"]);
        Assert.DoesNotContain("s3cr3t", System.Text.Json.JsonSerializer.Serialize(record), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_NameHeldByAnotherOwner_IsA409BeforeAnythingIsCreated()
    {
        _h.Runtime.ForeignNames.Add("alpha");

        await Assert.ThrowsAsync<ConflictException>(() => _h.Supervisor.CreateAsync(LifecycleHarness.Definition("alpha"), Ct));

        Assert.Empty(_h.Proxies.Endpoints);
        Assert.Null(await _h.Store.GetAsync("alpha", Ct));
    }

    [Fact]
    public async Task Create_ExistingName_IsAConflict_AndTheFirstStaysServed()
    {
        await _h.Supervisor.CreateAsync(LifecycleHarness.Definition("alpha"), Ct);

        await Assert.ThrowsAsync<ConflictException>(() => _h.Supervisor.CreateAsync(LifecycleHarness.Definition("alpha"), Ct));

        Assert.Single(_h.Proxies.Open);
        Assert.True(_h.Supervisor.IsServed("alpha"));
    }

    [Fact]
    public async Task Create_NeverAdoptsALeftoverOfTheSameName()
    {
        var definition = LifecycleHarness.Definition("alpha");
        var leftover = _h.Runtime.Seed(definition with { Spec = definition.Spec with { ProxyPort = 41000 } }, "stale");

        await _h.Supervisor.CreateAsync(definition, Ct);

        Assert.NotEqual(leftover.Id, _h.Runtime.Instances["alpha"].Id);
        Assert.Equal(0, _h.Runtime.Adoptions);
    }

    [Fact]
    public async Task Stop_ReleasesTheProxy_StopsTheInstance_AndKeepsTheRecordAsStopped()
    {
        await _h.Supervisor.CreateAsync(LifecycleHarness.Definition("alpha"), Ct);

        await _h.Supervisor.StopAsync("alpha", Ct);

        Assert.Equal(WorkloadDesiredState.Stopped, (await _h.Store.GetAsync("alpha", Ct))!.DesiredState);
        Assert.Empty(_h.Proxies.Open);
        Assert.False(_h.Runtime.Instances["alpha"].Running);
        Assert.False(_h.Supervisor.IsServed("alpha"));
    }

    [Fact]
    public async Task Restart_ServesOnTheSamePort_AdoptingTheInstance()
    {
        var created = await _h.Supervisor.CreateAsync(LifecycleHarness.Definition("alpha"), Ct);
        var id = _h.Runtime.Instances["alpha"].Id;

        await _h.Supervisor.RestartAsync("alpha", Ct);

        var stored = await _h.Store.GetAsync("alpha", Ct);
        Assert.Equal(created.Spec.ProxyPort, stored!.Spec.ProxyPort);
        Assert.Equal(id, stored.ContainerId);
        Assert.Equal(1, _h.Runtime.Adoptions);
        Assert.True(_h.Runtime.Instances["alpha"].Running);
        Assert.Single(_h.Proxies.Open);
    }

    [Fact]
    public async Task Restart_AfterASecretChanged_ReplacesTheInstance()
    {
        _h.Secrets.Values["token"] = "one";
        await _h.Supervisor.CreateAsync(LifecycleHarness.Definition("alpha", "none", new SecretReference("token", "TOKEN")), Ct);
        var id = _h.Runtime.Instances["alpha"].Id;
        _h.Secrets.Values["token"] = "two";

        await _h.Supervisor.RestartAsync("alpha", Ct);

        Assert.NotEqual(id, _h.Runtime.Instances["alpha"].Id);
        Assert.Equal("two", _h.Runtime.Instances["alpha"].Secrets["TOKEN"]);
    }

    [Fact]
    public async Task Delete_RemovesInstanceListenerAndRecord_AndNotifies()
    {
        await _h.Supervisor.CreateAsync(LifecycleHarness.Definition("alpha"), Ct);

        await _h.Supervisor.DeleteAsync("alpha", Ct);

        Assert.Null(await _h.Store.GetAsync("alpha", Ct));
        Assert.Empty(_h.Runtime.Instances);
        Assert.Empty(_h.Proxies.Open);
        Assert.Equal("removed alpha", _h.Events.Events[^1]);
    }

    [Fact]
    public async Task Operations_OnAMissingName_AreNotFound()
    {
        await Assert.ThrowsAsync<NotFoundException>(() => _h.Supervisor.StopAsync("ghost", Ct));
        await Assert.ThrowsAsync<NotFoundException>(() => _h.Supervisor.RestartAsync("ghost", Ct));
        await Assert.ThrowsAsync<NotFoundException>(() => _h.Supervisor.DeleteAsync("ghost", Ct));
    }

    [Fact]
    public async Task ConcurrentOperations_OnOneName_RunOneAtATime()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _h.Runtime.LaunchGate = gate.Task;
        var create = _h.Supervisor.CreateAsync(LifecycleHarness.Definition("alpha"), Ct);
        await UntilAsync(() => _h.Runtime.LaunchesInFlight == 1);
        var delete = _h.Supervisor.DeleteAsync("alpha", Ct);

        // While the first create holds the name, the reconciler's operations step aside rather than queue.
        Assert.False(await _h.Supervisor.ReviveAsync("alpha", Ct));
        Assert.False(await _h.Supervisor.RemoveUnclaimedAsync("alpha", Ct));
        gate.SetResult();
        await create;
        await delete;

        Assert.Equal(1, _h.Runtime.MaxLaunchesInFlight);
        Assert.Null(await _h.Store.GetAsync("alpha", Ct));
        Assert.Empty(_h.Runtime.Instances);
        Assert.Empty(_h.Proxies.Open);
    }

    [Fact]
    public async Task ConcurrentCreates_OfDifferentNames_RunSideBySide()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _h.Runtime.LaunchGate = gate.Task;
        var creates = new[] { "a", "b", "c" }.Select(name => _h.Supervisor.CreateAsync(LifecycleHarness.Definition(name), Ct)).ToList();
        await UntilAsync(() => _h.Runtime.LaunchesInFlight == 3);

        gate.SetResult();
        await Task.WhenAll(creates);

        Assert.Equal(3, _h.Runtime.MaxLaunchesInFlight);
        Assert.Equal(3, _h.Proxies.Open.Count());
    }

    /// <summary>Waits (bounded) for the operations started in the background to reach the fake runtime's gate.</summary>
    private static async Task UntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the operations never reached the runtime");
            await Task.Yield();
        }
    }
}
