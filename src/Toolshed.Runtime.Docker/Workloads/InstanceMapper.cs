using Toolshed.Core.Runtime;
using Toolshed.Runtime.Docker.Engine;

namespace Toolshed.Runtime.Docker.Workloads;

/// <summary>A workload's container as the runtime-neutral <see cref="WorkloadInstance"/>.</summary>
internal static class InstanceMapper
{
    public static WorkloadInstance Map(string workload, ContainerDetails container, bool supportRunning = true) => new()
    {
        Workload = workload,
        Id = container.Id,
        Image = container.Image,
        State = container.State,
        Status = container.Status,
        Created = container.Created,
        StartedAt = container.StartedAt,
        ExitCode = container.ExitCode,
        Labels = container.Labels,
        SupportRunning = supportRunning,
    };
}
