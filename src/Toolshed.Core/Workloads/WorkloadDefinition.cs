using Toolshed.Core.Registry;
using Toolshed.Egress.Policy;

namespace Toolshed.Core.Workloads;

/// <summary>
/// A workload validated once, at the edge: the stored <see cref="WorkloadSpec"/> with its permission profile parsed
/// and its egress allow-list checked. Runtimes and the proxy take this; nothing downstream parses the profile again.
/// </summary>
public sealed record WorkloadDefinition
{
    public required WorkloadSpec Spec { get; init; }

    /// <summary>The parsed permission profile (mounts it grants, network it allows).</summary>
    public required RegistryPermissions Permissions { get; init; }

    /// <summary>The allow-list outbound traffic is held to; null when the profile grants no network or all of it.</summary>
    public EgressPolicy? AllowList { get; init; }

    public string Name => Spec.Name;

    /// <summary>Whether the server may open outbound connections to anywhere (<c>insecure_allow_all</c>).</summary>
    public bool OutboundUnrestricted => Permissions.Network.Outbound.InsecureAllowAll;
}
