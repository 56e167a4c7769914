namespace Toolshed.Runtime.Docker.Egress;

/// <summary>Where egress sidecars reach the outside from.</summary>
public sealed record EgressOptions
{
    /// <summary>The network the sidecars join for their outbound side: the engine's default bridge unless
    /// `shed serve --egress-network` names another (tests use one with their own test hosts on it).</summary>
    public string OutboundNetwork { get; init; } = "bridge";

    /// <summary>Where the workloads' own internal networks take their /28 from (`shed serve --egress-subnet-pool`).</summary>
    public string SubnetPool { get; init; } = "10.213.0.0/16";
}
