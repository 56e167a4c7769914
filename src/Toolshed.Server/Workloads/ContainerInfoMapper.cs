using System.Globalization;
using Toolshed.Core.Runtime;
using Toolshed.Core.Remote;
using Toolshed.Core.Workloads;
using Toolshed.Remote;
using Toolshed.Server.Workloads.Api;
using Toolshed.Server.Workloads.Validation;

namespace Toolshed.Server.Workloads;

/// <summary>A workload and its instance as the API's ContainerInfo.</summary>
internal static class ContainerInfoMapper
{
    /// <summary>The labels of a workload without an instance are those one created now would carry.</summary>
    public static ContainerInfo Map(WorkloadRecord record, WorkloadInstance? container, IWorkloadRuntime runtime)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(runtime);
        return Map(record, container, () => runtime.Describe(WorkloadDefinitions.From(record.Spec)).Labels);
    }

    public static ContainerInfo Map(WorkloadRecord record, WorkloadInstance? container, RuntimeDescription description)
    {
        ArgumentNullException.ThrowIfNull(description);
        return Map(record, container, () => description.Labels);
    }

    private static ContainerInfo Map(WorkloadRecord record, WorkloadInstance? container, Func<IReadOnlyDictionary<string, string>> labels)
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
            Labels = container?.Labels ?? labels(),
            Name = spec.Name,
            Ports = [new PortInfo(spec.TargetPort ?? 0, served ? spec.ProxyPort : 0, "tcp")],
            State = state,
            Status = status,
            Url = served ? WorkloadUrls.Mcp(spec) : "",
            SseUrl = served ? WorkloadUrls.Sse(spec) : "",
            Transport = TransportOf(spec, container),
        };
    }

    /// <summary>A remote's transport is the remote's own: as given, else as its connection found it.</summary>
    public static string TransportOf(WorkloadSpec spec, WorkloadInstance? container) => spec.Remote is { } remote
        ? remote.Transport?.ToName()
            ?? container?.Labels.GetValueOrDefault(RemoteWorkloadRuntime.TransportLabel)
            ?? McpTransportNames.StreamableHttp
        : spec.Transport.ToName();

    private static string WithRestarts(string status, WorkloadRecord record) => record.RestartCount == 0
        ? status
        : $"{status} (restarted {record.RestartCount}x, last exit code {record.LastExitCode?.ToString(CultureInfo.InvariantCulture) ?? "unknown"})";
}
