namespace Toolshed.Runtime.Docker.Engine;

/// <summary>What the engine reports about one network.</summary>
public sealed record NetworkDetails
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public bool Internal { get; init; }

    /// <summary>Created with <see cref="NetworkSpec.HostUnreachable"/>.</summary>
    public bool HostUnreachable { get; init; }

    /// <summary>The network's address ranges in CIDR form, e.g. 172.18.0.0/16.</summary>
    public IReadOnlyList<string> Subnets { get; init; } = [];

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
}
