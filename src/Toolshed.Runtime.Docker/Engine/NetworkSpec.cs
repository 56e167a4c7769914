namespace Toolshed.Runtime.Docker.Engine;

/// <summary>A network to create. An internal network has no route out of the engine host: its containers reach only
/// each other (and whatever else is attached to it).</summary>
public sealed record NetworkSpec
{
    public required string Name { get; init; }

    public bool Internal { get; init; }

    /// <summary>Give the engine host no address on the network, so its containers cannot reach services on the host
    /// either; the host then cannot reach them by address (stdio workloads need no such path).</summary>
    public bool HostUnreachable { get; init; }

    /// <summary>The address range in CIDR form; null lets the engine pick one from its default pools.</summary>
    public string? Subnet { get; init; }

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
}
