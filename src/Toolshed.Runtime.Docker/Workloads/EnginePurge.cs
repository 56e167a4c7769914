using Toolshed.Core.Runtime;
using Toolshed.Runtime.Docker.Egress;
using Toolshed.Runtime.Docker.Engine;

namespace Toolshed.Runtime.Docker.Workloads;

/// <summary>
/// Removes from the engine what the daemon of one state root made: the containers and networks labelled
/// toolshed=true with its toolshed.instance (workloads, egress sidecars, their internal networks), then the egress
/// proxy image. Nothing without those labels is touched, nor another state root's workloads. The egress image is
/// shared by every Toolshed daemon on the engine, so it stays while another daemon's containers or networks exist.
/// </summary>
internal static class EnginePurge
{
    public static async Task<RuntimePurge> RunAsync(IContainerEngine engine, DaemonInstance instance, CancellationToken cancellationToken)
    {
        var removed = new List<string>();
        var kept = new List<string>();
        foreach (var container in await engine.ListContainersAsync(instance.OwnedFilter, all: true, cancellationToken))
        {
            await engine.RemoveContainerAsync(container.Id, force: true, cancellationToken);
            removed.Add($"container {container.Name} ({container.Id[..Math.Min(12, container.Id.Length)]})");
        }

        foreach (var network in await engine.ListNetworksAsync(instance.OwnedFilter, cancellationToken))
        {
            await engine.RemoveNetworkAsync(network.Id, cancellationToken);
            removed.Add($"network {network.Name}");
        }

        var images = await engine.ListImageTagsAsync(EgressImage.Repository, cancellationToken);
        if (images.Count > 0)
        {
            var others = await OtherDaemonsAsync(engine, instance, cancellationToken);
            foreach (var image in images)
            {
                if (others.Count > 0)
                {
                    kept.Add($"image {image}: other Toolshed daemons on this engine use it (instance {string.Join(", ", others)})");
                }
                else if (await engine.RemoveImageAsync(image, cancellationToken))
                {
                    removed.Add($"image {image}");
                }
                else
                {
                    kept.Add($"image {image}: a container still uses it");
                }
            }
        }

        return new RuntimePurge { Removed = removed, Kept = kept };
    }

    private static async Task<List<string>> OtherDaemonsAsync(IContainerEngine engine, DaemonInstance instance, CancellationToken cancellationToken) =>
        (await engine.ListContainersAsync(ToolshedLabels.ManagedFilter, all: true, cancellationToken)).Select(c => c.Labels)
            .Concat((await engine.ListNetworksAsync(ToolshedLabels.ManagedFilter, cancellationToken)).Select(n => n.Labels))
            .Select(labels => labels.GetValueOrDefault(ToolshedLabels.Instance, "(no instance label)"))
            .Where(owner => owner != instance.Id)
            .Distinct(StringComparer.Ordinal)
            .ToList();
}
