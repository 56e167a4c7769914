using Toolshed.Core.Configuration;
using Toolshed.Runtime.Docker.Engine;
using Toolshed.Server.Workloads;

namespace Toolshed.Cli.Daemon.Service;

/// <summary>
/// Removes from the engine what the daemon of one state root made: the containers and networks labelled
/// toolshed=true with its toolshed.instance (workloads, egress sidecars, their internal networks), then the egress
/// proxy image. Nothing without those labels is touched, nor another state root's workloads. The egress image is
/// shared by every Toolshed daemon on the engine, so it stays while another daemon's containers or networks exist.
/// </summary>
internal static class EnginePurge
{
    /// <summary>The repository the daemon imports the egress sidecar's image into (EgressRootFilesystem.Repository).</summary>
    public const string EgressImageRepository = Toolshed.Server.Workloads.Egress.EgressImage.Repository;

    public static async Task RunAsync(IContainerEngine runtime, ToolshedPaths paths, PurgeReport report, CancellationToken cancellationToken)
    {
        var instance = new DaemonInstance(paths);
        foreach (var container in await runtime.ListContainersAsync(instance.OwnedFilter, all: true, cancellationToken))
        {
            await runtime.RemoveContainerAsync(container.Id, force: true, cancellationToken);
            report.Removed.Add($"container {container.Name} ({container.Id[..Math.Min(12, container.Id.Length)]})");
        }

        foreach (var network in await runtime.ListNetworksAsync(instance.OwnedFilter, cancellationToken))
        {
            await runtime.RemoveNetworkAsync(network.Id, cancellationToken);
            report.Removed.Add($"network {network.Name}");
        }

        var images = await runtime.ListImageTagsAsync(EgressImageRepository, cancellationToken);
        if (images.Count == 0)
        {
            return;
        }

        var others = (await runtime.ListContainersAsync(ToolshedLabels.ManagedFilter, all: true, cancellationToken)).Select(c => c.Labels)
            .Concat((await runtime.ListNetworksAsync(ToolshedLabels.ManagedFilter, cancellationToken)).Select(n => n.Labels))
            .Select(labels => labels.GetValueOrDefault(ToolshedLabels.Instance, "(no instance label)"))
            .Where(owner => owner != instance.Id)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        foreach (var image in images)
        {
            if (others.Count > 0)
            {
                report.Kept.Add($"image {image}: other Toolshed daemons on this engine use it (instance {string.Join(", ", others)})");
            }
            else if (await runtime.RemoveImageAsync(image, cancellationToken))
            {
                report.Removed.Add($"image {image}");
            }
            else
            {
                report.Kept.Add($"image {image}: a container still uses it");
            }
        }
    }
}
