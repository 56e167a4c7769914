using Toolshed.Core.Errors;
using Toolshed.Server.Workloads;

namespace Toolshed.Server.Tests.Workloads.Lifecycle;

/// <summary>The reconciler's plan and what the supervisor does with it, pass by pass, on a fake runtime and clock.</summary>
public sealed class ReconcilerTests : IAsyncLifetime
{
    private readonly LifecycleHarness _h = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _h.DisposeAsync();

    [Fact]
    public async Task Pass_HealthyWorkload_IsLeftAlone()
    {
        await _h.Supervisor.CreateAsync(LifecycleHarness.Definition("alpha"), Ct);

        await _h.ReconcileAsync();

        Assert.Equal(1, _h.Runtime.Launches);
        Assert.Equal(0, _h.Runtime.Repairs);
    }

    [Fact]
    public async Task Pass_CrashedWorkload_IsRestarted_CountedAndItsExitCodeKept()
    {
        var created = await _h.Supervisor.CreateAsync(LifecycleHarness.Definition("alpha"), Ct);
        _h.Runtime.Crash("alpha", exitCode: 3);

        await _h.ReconcileAsync();

        var stored = await _h.Store.GetAsync("alpha", Ct);
        Assert.Equal(1, stored!.RestartCount);
        Assert.Equal(3, stored.LastExitCode);
        Assert.True(_h.Runtime.Instances["alpha"].Running);
        Assert.Equal(created.Spec.ProxyPort, stored.Spec.ProxyPort);
        Assert.Single(_h.Proxies.Open);
    }

    [Fact]
    public async Task Pass_CrashLoop_BacksOff_DoublingUpToTheCap()
    {
        await _h.Supervisor.CreateAsync(LifecycleHarness.Definition("alpha"), Ct);
        var attempts = new List<int>();
        for (var second = 0; second < 12; second++)
        {
            _h.Runtime.Crash("alpha", exitCode: 1);
            await _h.ReconcileAsync();
            attempts.Add(_h.Runtime.Launches - 1);
            _h.Time.Advance(TimeSpan.FromSeconds(1));
        }

        // Tries at t=0, then after 1 s, 2 s, 4 s (t=1, 3, 7), then every 8 s at most (t=15 would be next).
        Assert.Equal([1, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 4], attempts);
    }

    [Fact]
    public async Task Pass_StoppedWorkload_IsNotRevived()
    {
        await _h.Supervisor.CreateAsync(LifecycleHarness.Definition("alpha"), Ct);
        await _h.Supervisor.StopAsync("alpha", Ct);

        await _h.ReconcileAsync();

        Assert.False(_h.Runtime.Instances["alpha"].Running);
        Assert.Equal(1, _h.Runtime.Launches);
    }

    [Fact]
    public async Task Pass_InstanceNoRecordClaims_IsRemoved_AsAreLeftoverParts()
    {
        _h.Runtime.Seed(LifecycleHarness.Definition("orphan"), "whatever");
        _h.Runtime.SeedLeftover("half-deleted");

        await _h.ReconcileAsync();

        Assert.Empty((await _h.Runtime.ObserveAsync(Ct)).Instances);
        Assert.Empty((await _h.Runtime.ObserveAsync(Ct)).Leftovers);
        Assert.Equal(2, _h.Runtime.Removals);
    }

    [Fact]
    public async Task Pass_RunningWorkloadWhoseSupportIsDown_IsRepairedNotRestarted()
    {
        await _h.Supervisor.CreateAsync(LifecycleHarness.Definition("alpha"), Ct);
        var id = _h.Runtime.Instances["alpha"].Id;
        _h.Runtime.LoseSupport("alpha");

        await _h.ReconcileAsync();

        Assert.Equal(1, _h.Runtime.Repairs);
        Assert.Equal(id, _h.Runtime.Instances["alpha"].Id);
        Assert.Equal(0, (await _h.Store.GetAsync("alpha", Ct))!.RestartCount);
    }

    [Fact]
    public async Task DaemonRestart_AdoptsTheRunningInstance_OnTheSamePort()
    {
        var created = await _h.Supervisor.CreateAsync(LifecycleHarness.Definition("alpha"), Ct);
        var id = _h.Runtime.Instances["alpha"].Id;

        await _h.RestartDaemonAsync();
        Assert.Empty(_h.Proxies.Open);
        await _h.ReconcileAsync();

        var stored = await _h.Store.GetAsync("alpha", Ct);
        Assert.Equal(id, stored!.ContainerId);
        Assert.Equal(created.Spec.ProxyPort, Assert.Single(_h.Proxies.Open).Port);
        Assert.Equal(1, _h.Runtime.Adoptions);
        Assert.Equal(0, stored.RestartCount);
    }

    [Fact]
    public async Task DaemonRestart_PortTakenMeanwhile_ServesOnANewPort_WithAFreshInstance()
    {
        var created = await _h.Supervisor.CreateAsync(LifecycleHarness.Definition("alpha"), Ct);
        var id = _h.Runtime.Instances["alpha"].Id;
        await _h.RestartDaemonAsync();
        _h.Proxies.Taken.Add(created.Spec.ProxyPort);

        await _h.ReconcileAsync();

        var stored = await _h.Store.GetAsync("alpha", Ct);
        Assert.NotEqual(created.Spec.ProxyPort, stored!.Spec.ProxyPort);
        Assert.Equal(stored.Spec.ProxyPort, Assert.Single(_h.Proxies.Open).Port);
        // The instance was made for the old port (its label says so): it is replaced, not adopted.
        Assert.NotEqual(id, stored.ContainerId);
        Assert.Contains($"started alpha {stored.Spec.ProxyPort}", _h.Events.Events);
    }

    [Fact]
    public async Task Pass_EngineDown_SaysSo_AndChangesNothing()
    {
        await _h.Supervisor.CreateAsync(LifecycleHarness.Definition("alpha"), Ct);
        _h.Runtime.Down = true;

        await Assert.ThrowsAsync<ContainerEngineUnavailableException>(() => _h.ReconcileAsync());

        _h.Runtime.Down = false;
        Assert.True(_h.Supervisor.IsServed("alpha"));
        Assert.Equal(WorkloadDesiredState.Running, (await _h.Store.GetAsync("alpha", Ct))!.DesiredState);
    }

    [Fact]
    public async Task Pass_ReviveFails_IsRetriedOnALaterPass()
    {
        await _h.Supervisor.CreateAsync(LifecycleHarness.Definition("alpha"), Ct);
        _h.Runtime.Crash("alpha", exitCode: 137);
        _h.Runtime.NextLaunchFailure = new ContainerEngineException("no room");

        await _h.ReconcileAsync();
        Assert.False(_h.Supervisor.IsServed("alpha"));
        Assert.Empty(_h.Proxies.Open);
        _h.Time.Advance(TimeSpan.FromSeconds(2));
        await _h.ReconcileAsync();

        Assert.True(_h.Supervisor.IsServed("alpha"));
        Assert.True(_h.Runtime.Instances["alpha"].Running);
    }
}
