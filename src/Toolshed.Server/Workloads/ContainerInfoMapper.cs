using System.Globalization;
using Toolshed.Core.Workloads;
using Toolshed.Runtime.Docker.Engine;
using Toolshed.Server.Workloads.Api;

namespace Toolshed.Server.Workloads;

/// <summary>A workload and its container as the API's ContainerInfo.</summary>
internal static class ContainerInfoMapper
{
    public static ContainerInfo Map(WorkloadRecord record, ContainerDetails? container, string instanceId)
    {
        var spec = record.Spec;
        var (state, status) = (record.DesiredState, container) switch
        {
            (WorkloadDesiredState.Stopped, _) => ("stopped", container?.Status is { Length: > 0 } s ? s : "Stopped"),
            (_, null) => ("starting", "Waiting for its container"),
            (_, { IsRunning: true }) => ("running", WithRestarts(container.Status, record)),
            _ => (container.State, WithRestarts(container.Status, record)),
        };

        var served = state != "stopped";
        return new ContainerInfo
        {
            Created = (container?.Created ?? record.CreatedAt).ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            Id = container?.Id ?? record.ContainerId ?? "",
            Image = spec.Image,
            Labels = container?.Labels ?? ContainerSpecFactory.Labels(spec, instanceId),
            Name = spec.Name,
            Ports = [new PortInfo(spec.TargetPort ?? 0, served ? spec.ProxyPort : 0, "tcp")],
            State = state,
            Status = status,
            Url = served ? WorkloadUrls.Mcp(spec) : "",
            SseUrl = served ? WorkloadUrls.Sse(spec) : "",
            Transport = spec.Transport.ToName(),
        };
    }

    private static string WithRestarts(string status, WorkloadRecord record) => record.RestartCount == 0
        ? status
        : $"{status} (restarted {record.RestartCount}x, last exit code {record.LastExitCode?.ToString(CultureInfo.InvariantCulture) ?? "unknown"})";
}
