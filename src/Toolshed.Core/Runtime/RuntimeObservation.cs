namespace Toolshed.Core.Runtime;

/// <summary>What a runtime holds for this daemon at one moment (<see cref="IWorkloadRuntime.ObserveAsync"/>).</summary>
public sealed record RuntimeObservation
{
    /// <summary>Each workload's instance, by workload name.</summary>
    public IReadOnlyDictionary<string, WorkloadInstance> Instances { get; init; } = new Dictionary<string, WorkloadInstance>();

    /// <summary>Workloads with no instance that still hold supporting parts (a sidecar, a network), e.g. after a cut-short cleanup.</summary>
    public IReadOnlySet<string> Leftovers { get; init; } = new HashSet<string>();
}
