using Toolshed.Core.Runtime;
using Toolshed.Core.Workloads;
using Toolshed.Remote;

namespace Toolshed.Server.Workloads.Lifecycle;

/// <summary>
/// The runtimes workloads run on, and which one a workload belongs to: remote workloads on the
/// <see cref="RemoteWorkloadRuntime"/> (nothing runs here), every other one on the container runtime. A remote workload
/// never needs the container engine, so it is created, served and revived while the engine is down.
/// </summary>
internal sealed class WorkloadRuntimes(IWorkloadRuntime containers, RemoteWorkloadRuntime remotes)
{
    public IWorkloadRuntime Containers => containers;

    public RemoteWorkloadRuntime Remotes => remotes;

    public IWorkloadRuntime For(WorkloadSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Remote is null ? containers : remotes;
    }

    /// <summary>Both runtimes' instances in one observation; the container engine is asked only when a record needs
    /// it, so a daemon with only remote workloads works without one.</summary>
    public async Task<RuntimeObservation> ObserveAsync(IReadOnlyList<WorkloadRecord> records, CancellationToken cancellationToken)
    {
        var remote = await remotes.ObserveAsync(cancellationToken);
        if (records.All(r => r.Spec.Remote is not null))
        {
            return remote;
        }

        var local = await containers.ObserveAsync(cancellationToken);
        var instances = new Dictionary<string, WorkloadInstance>(local.Instances, StringComparer.Ordinal);
        foreach (var (name, instance) in remote.Instances)
        {
            instances[name] = instance;
        }

        return new RuntimeObservation { Instances = instances, Leftovers = local.Leftovers };
    }
}
