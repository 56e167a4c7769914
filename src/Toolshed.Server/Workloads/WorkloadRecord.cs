using Toolshed.Core.Workloads;

namespace Toolshed.Server.Workloads;

/// <summary>One workload as the desired-state store keeps it.</summary>
public sealed record WorkloadRecord
{
    public required WorkloadSpec Spec { get; init; }

    public WorkloadDesiredState DesiredState { get; init; } = WorkloadDesiredState.Running;

    /// <summary>The container currently serving this workload, when one was created.</summary>
    public string? ContainerId { get; init; }

    /// <summary>How often the reconciler restarted the container after it exited unexpectedly.</summary>
    public int RestartCount { get; init; }

    public long? LastExitCode { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public string Name => Spec.Name;
}
