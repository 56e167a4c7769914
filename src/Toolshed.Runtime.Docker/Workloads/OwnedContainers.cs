using Toolshed.Runtime.Docker.Engine;

namespace Toolshed.Runtime.Docker.Workloads;

/// <summary>The containers a daemon owns, by the workload they belong to.</summary>
internal sealed class OwnedContainers
{
    public Dictionary<string, ContainerDetails> Workloads { get; } = new(StringComparer.Ordinal);

    /// <summary>Egress sidecars, by the workload whose allow-list they enforce.</summary>
    public Dictionary<string, ContainerDetails> Sidecars { get; } = new(StringComparer.Ordinal);
}
