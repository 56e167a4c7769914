namespace Toolshed.Core.Runtime;

/// <summary>What the runtime reports about the one instance (container, sandboxed process, pod) serving a workload.</summary>
public sealed record WorkloadInstance
{
    public required string Workload { get; init; }

    /// <summary>The runtime's id of the instance (a container id).</summary>
    public required string Id { get; init; }

    public required string Image { get; init; }

    /// <summary>One of created, running, paused, restarting, removing, exited, dead.</summary>
    public required string State { get; init; }

    /// <summary>A human-readable status such as "Up 3 minutes" or "Exited (1) 2 seconds ago".</summary>
    public string Status { get; init; } = "";

    public DateTimeOffset Created { get; init; }

    /// <summary>When it last started; null when it never did (or the runtime cannot tell without a closer look).</summary>
    public DateTimeOffset? StartedAt { get; init; }

    public long? ExitCode { get; init; }

    /// <summary>The metadata the runtime keeps on the instance (Docker labels).</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>False when a part the instance depends on is down (Docker: the egress sidecar of an allow-listed workload).</summary>
    public bool SupportRunning { get; init; } = true;

    public bool IsRunning => State == "running";
}
