using System.Globalization;
using Toolshed.Core.Registry;
using Toolshed.Core.Runtime;
using Toolshed.Core.Workloads;
using Toolshed.Runtime.Docker.Engine;
using Toolshed.Runtime.Docker.Egress;

namespace Toolshed.Runtime.Docker.Workloads;

/// <summary>Turns a workload's launch into the container to create: labels, mounts, network, limits.</summary>
internal static class ContainerSpecFactory
{
    public const long DefaultMemoryLimitBytes = 1024L * 1024 * 1024;
    public const long DefaultPidsLimit = 512;

    public static string ContainerName(string workloadName) => $"toolshed-{workloadName}";

    public static ContainerSpec Create(WorkloadLaunch launch, string instanceId, EgressRoute? egress = null)
    {
        ArgumentNullException.ThrowIfNull(launch);
        var spec = launch.Spec;
        var permissions = launch.Definition.Permissions;
        var environment = new Dictionary<string, string>(spec.Environment, StringComparer.Ordinal);
        foreach (var (name, value) in launch.SecretEnvironment)
        {
            environment[name] = value;
        }

        var ports = new List<ContainerPortBinding>();
        if (spec.Transport != McpTransport.Stdio && spec.TargetPort is { } targetPort)
        {
            // On an internal network the engine publishes nothing; the proxy reaches the server at its address there.
            if (egress is null)
            {
                ports.Add(new ContainerPortBinding(targetPort));
            }

            environment.TryAdd("PORT", targetPort.ToString(CultureInfo.InvariantCulture));
        }

        if (egress is not null)
        {
            AddProxyEnvironment(environment, egress);
        }

        var labels = Labels(spec, instanceId);
        labels[ToolshedLabels.ConfigHash] = launch.Fingerprint;

        return new ContainerSpec
        {
            Name = ContainerName(spec.Name),
            Image = spec.Package is { } package ? Packages.PackageImages.TagFor(package) : spec.Image,
            Arguments = spec.Arguments,
            Environment = environment,
            Labels = labels,
            Mounts = Mounts(spec, permissions),
            NetworkMode = egress?.Network ?? (NeedsNetwork(launch.Definition) ? "bridge" : "none"),
            PortBindings = ports,
            OpenStdin = spec.Transport == McpTransport.Stdio,
            MemoryLimitBytes = spec.MemoryLimitBytes ?? DefaultMemoryLimitBytes,
            PidsLimit = spec.PidsLimit ?? DefaultPidsLimit,
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

    /// <summary>The network mode a container of this workload must have; one created otherwise (e.g. by a version
    /// that did not yet enforce allow-lists) is recreated rather than adopted.</summary>
    public static string NetworkModeOf(WorkloadDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return definition.AllowList is not null
            ? EgressGateway.NetworkName(definition.Name)
            : NeedsNetwork(definition) ? "bridge" : "none";
    }

    private static bool NeedsNetwork(WorkloadDefinition definition) =>
        // HTTP servers are reached through a published port, which needs a network; so does open outbound access.
        definition.Spec.Transport != McpTransport.Stdio || definition.OutboundUnrestricted;

    /// <summary>Points every common HTTP client at the egress proxy (lower- and upper-case variables; Node.js 24+
    /// needs NODE_USE_ENV_PROXY to honour them). Enforcement does not depend on these: there is no other way out.</summary>
    private static void AddProxyEnvironment(Dictionary<string, string> environment, EgressRoute egress)
    {
        var proxy = egress.ProxyUrl.ToString().TrimEnd('/');
        foreach (var name in new[] { "HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy" })
        {
            environment[name] = proxy;
        }

        environment["NO_PROXY"] = environment["no_proxy"] = "localhost,127.0.0.1,::1";
        environment.TryAdd("NODE_USE_ENV_PROXY", "1");
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
