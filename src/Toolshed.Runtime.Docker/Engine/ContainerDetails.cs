namespace Toolshed.Runtime.Docker.Engine;

/// <summary>What the engine reports about one container.</summary>
public sealed record ContainerDetails
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required string Image { get; init; }

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>The engine's state word: created, running, paused, restarting, removing, exited, dead.</summary>
    public required string State { get; init; }

    /// <summary>A human-readable status such as "Up 3 minutes" or "Exited (1) 2 seconds ago".</summary>
    public string Status { get; init; } = "";

    public DateTimeOffset Created { get; init; }

    /// <summary>When the container last started (from inspect only; null when it never started).</summary>
    public DateTimeOffset? StartedAt { get; init; }

    public long? ExitCode { get; init; }

    public IReadOnlyList<ContainerPortInfo> Ports { get; init; } = [];

    /// <summary>The network mode it was created with ("none", "bridge", or a network's name); from inspect only.</summary>
    public string? NetworkMode { get; init; }

    /// <summary>The container's IPv4 address on each network it is attached to (from inspect only).</summary>
    public IReadOnlyDictionary<string, string> NetworkAddresses { get; init; } = new Dictionary<string, string>();

    public bool IsRunning => State == "running";
}
