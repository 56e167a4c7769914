using System.Globalization;
using System.Text.Json.Nodes;

namespace Toolshed.Bench.Modern;

/// <summary>
/// Counters of the serving process that do not depend on the machine's noise: thread-pool work items run (each a
/// hand-off between threads) and bytes allocated (what the GC later pays for), plus the gen0 collections.
/// </summary>
internal sealed record ServingStats(long WorkItems, long AllocatedBytes, int Gen0Collections)
{
    public static ServingStats Now() =>
        new(ThreadPool.CompletedWorkItemCount, GC.GetTotalAllocatedBytes(precise: false), GC.CollectionCount(0));

    public static ServingStats Parse(string json)
    {
        var node = JsonNode.Parse(json)!;
        return new(node["workItems"]!.GetValue<long>(), node["allocatedBytes"]!.GetValue<long>(), node["gen0"]!.GetValue<int>());
    }

    public static ServingStats operator -(ServingStats after, ServingStats before) =>
        new(after.WorkItems - before.WorkItems, after.AllocatedBytes - before.AllocatedBytes, after.Gen0Collections - before.Gen0Collections);

    public string ToJson() => string.Create(CultureInfo.InvariantCulture,
        $"{{\"workItems\":{WorkItems},\"allocatedBytes\":{AllocatedBytes},\"gen0\":{Gen0Collections}}}");
}
