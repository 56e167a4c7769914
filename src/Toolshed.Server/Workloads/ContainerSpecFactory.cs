using System.Globalization;
using Toolshed.Core.Registry;
using Toolshed.Core.Runtime;
using Toolshed.Core.Workloads;
using Toolshed.Server.Workloads.Validation;

namespace Toolshed.Server.Workloads;

/// <summary>Turns a workload's run config into the container to create: labels, mounts, network, limits.</summary>
public static class ContainerSpecFactory
{
    public const long DefaultMemoryLimitBytes = 1024L * 1024 * 1024;
    public const long DefaultPidsLimit = 512;

    public static string ContainerName(string workloadName) => $"toolshed-{workloadName}";

    public static ContainerSpec Create(
        WorkloadSpec spec, IReadOnlyDictionary<string, string> secretEnvironment, string instanceId, string? configHash = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(secretEnvironment);
        var permissions = PermissionProfileParser.Parse(spec.PermissionProfile);
        var environment = new Dictionary<string, string>(spec.Environment, StringComparer.Ordinal);
        foreach (var (name, value) in secretEnvironment)
        {
            environment[name] = value;
        }

        var ports = new List<ContainerPortBinding>();
        if (spec.Transport != McpTransport.Stdio && spec.TargetPort is { } targetPort)
        {
            ports.Add(new ContainerPortBinding(targetPort));
            environment.TryAdd("PORT", targetPort.ToString(CultureInfo.InvariantCulture));
        }

        var labels = Labels(spec, instanceId);
        if (configHash is not null)
        {
            labels[ToolshedLabels.ConfigHash] = configHash;
        }

        return new ContainerSpec
        {
            Name = ContainerName(spec.Name),
            Image = spec.Image,
            Arguments = spec.Arguments,
            Environment = environment,
            Labels = labels,
            Mounts = Mounts(spec, permissions),
            NetworkMode = NeedsNetwork(spec, permissions) ? "bridge" : "none",
            PortBindings = ports,
            OpenStdin = spec.Transport == McpTransport.Stdio,
            MemoryLimitBytes = DefaultMemoryLimitBytes,
            PidsLimit = DefaultPidsLimit,
        };
    }

    public static Dictionary<string, string> Labels(WorkloadSpec spec, string instanceId)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var labels = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [ToolshedLabels.Managed] = ToolshedLabels.ManagedValue,
            [ToolshedLabels.ManagedBy] = ToolshedLabels.ManagedByValue,
            [ToolshedLabels.Instance] = instanceId,
            [ToolshedLabels.Name] = spec.Name,
            [ToolshedLabels.Transport] = spec.Transport.ToName(),
            [ToolshedLabels.Port] = spec.ProxyPort.ToString(CultureInfo.InvariantCulture),
        };
        if (spec.TargetPort is { } targetPort)
        {
            labels[ToolshedLabels.TargetPort] = targetPort.ToString(CultureInfo.InvariantCulture);
        }

        return labels;
    }

    private static bool NeedsNetwork(WorkloadSpec spec, RegistryPermissions permissions)
    {
        var outbound = permissions.Network.Outbound;
        // HTTP servers are reached through a published port, which needs a network; so does any outbound permission.
        return spec.Transport != McpTransport.Stdio
            || outbound.InsecureAllowAll
            || outbound.AllowHost.Count > 0
            || outbound.AllowPort.Count > 0;
    }

    private static List<ContainerMount> Mounts(WorkloadSpec spec, RegistryPermissions permissions)
    {
        var mounts = new List<ContainerMount>();
        mounts.AddRange(permissions.Read.Select(entry => ProfileMount(entry, readOnly: true)));
        mounts.AddRange(permissions.Write.Select(entry => ProfileMount(entry, readOnly: false)));
        foreach (var volume in spec.Volumes)
        {
            mounts.RemoveAll(mount => mount.ContainerPath == volume.ContainerPath);
            mounts.Add(new ContainerMount(volume.HostPath, volume.ContainerPath, volume.ReadOnly));
        }

        return mounts;
    }

    private static ContainerMount ProfileMount(string entry, bool readOnly)
    {
        var colon = entry.IndexOf(':', StringComparison.Ordinal);
        return colon < 0
            ? new ContainerMount(entry, entry, readOnly)
            : new ContainerMount(entry[..colon], entry[(colon + 1)..], readOnly);
    }
}
