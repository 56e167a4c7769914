using Toolshed.Core.Runtime;
using Toolshed.Server.Workloads;

namespace Toolshed.Server.Reconciliation;

/// <summary>What one reconciliation pass should do, worked out from a snapshot: the stored records, what the runtime
/// holds, and which workloads are served. Acting on it re-checks each name under its lock.</summary>
internal sealed record ReconcilePlan
{
    /// <summary>Names the runtime holds something under (an instance or only supporting parts) that no record claims.</summary>
    public IReadOnlyList<string> Unclaimed { get; init; } = [];

    /// <summary>Workloads that should run and are served by a running instance with everything it depends on.</summary>
    public IReadOnlyList<string> Healthy { get; init; } = [];

    /// <summary>Workloads that should run and are not (fully) served.</summary>
    public IReadOnlyList<string> ToRevive { get; init; } = [];

    public static ReconcilePlan From(IReadOnlyList<WorkloadRecord> records, RuntimeObservation observed, Func<string, bool> isServed)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(observed);
        ArgumentNullException.ThrowIfNull(isServed);
        var claimed = records.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        var unclaimed = observed.Instances.Keys.Concat(observed.Leftovers)
            .Where(name => !claimed.Contains(name))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        var healthy = new List<string>();
        var toRevive = new List<string>();
        foreach (var record in records.Where(r => r.DesiredState == WorkloadDesiredState.Running))
        {
            var served = isServed(record.Name)
                && observed.Instances.GetValueOrDefault(record.Name) is { IsRunning: true, SupportRunning: true };
            (served ? healthy : toRevive).Add(record.Name);
        }

        return new ReconcilePlan { Unclaimed = unclaimed, Healthy = healthy, ToRevive = toRevive };
    }
}
