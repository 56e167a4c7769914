namespace Toolshed.Server.Clients;

/// <summary>
/// Told by the workload supervisor after a workload starts serving (create, restart, revive), stops serving (stop,
/// the release before a restart, a crash found), changes its tool filter, or is deleted; a start is not yet readiness
/// (see <see cref="WorkloadReadinessWatcher"/>). Observers must not throw for ordinary failures: the workload
/// operation has already succeeded.
/// </summary>
public interface IWorkloadEvents
{
    Task WorkloadStartedAsync(string workloadName, int port, CancellationToken cancellationToken);

    Task WorkloadRemovedAsync(string workloadName, CancellationToken cancellationToken);

    /// <summary>The workload is no longer served (it may be served again soon: a restart, a crash being restarted).</summary>
    Task WorkloadStoppedAsync(string workloadName, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The workload's clients see other tools now (its tool filter changed).</summary>
    Task WorkloadToolsChangedAsync(string workloadName, CancellationToken cancellationToken) => Task.CompletedTask;
}
