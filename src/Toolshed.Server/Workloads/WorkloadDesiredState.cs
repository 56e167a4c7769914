namespace Toolshed.Server.Workloads;

/// <summary>What the user wants of a workload; the reconciler makes the engine match it.</summary>
public enum WorkloadDesiredState
{
    Running,
    Stopped,
}
