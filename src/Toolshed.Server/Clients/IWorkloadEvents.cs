namespace Toolshed.Server.Clients;

/// <summary>
/// Told by the workload manager after a workload starts serving (create, restart, revive) or is deleted; a start is
/// not yet readiness (see <see cref="WorkloadReadinessWatcher"/>). Observers
/// must not throw for ordinary failures: the workload operation has already succeeded.
/// </summary>
public interface IWorkloadEvents
{
    Task WorkloadStartedAsync(string workloadName, int port, CancellationToken cancellationToken);

    Task WorkloadRemovedAsync(string workloadName, CancellationToken cancellationToken);
}
