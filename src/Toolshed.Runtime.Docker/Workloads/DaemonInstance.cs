using System.Security.Cryptography;
using System.Text;
using Toolshed.Core.Configuration;
using Toolshed.Runtime.Docker.Engine;

namespace Toolshed.Runtime.Docker.Workloads;

/// <summary>Identifies this daemon's state root on the engine: containers carry it in the toolshed.instance label.</summary>
public sealed class DaemonInstance(ToolshedPaths paths)
{
    public string Id { get; } = Convert.ToHexStringLower(
        SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(paths.StateDirectory))))[..16];

    /// <summary>Whether a container or network with these labels is this daemon's: the only ones it removes, restarts
    /// or adopts.</summary>
    public bool Owns(IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return labels.GetValueOrDefault(ToolshedLabels.Managed) == ToolshedLabels.ManagedValue
            && labels.GetValueOrDefault(ToolshedLabels.Instance) == Id;
    }

    /// <summary>Who a container or network that this daemon does not own belongs to, as its labels tell.</summary>
    public static string OwnerOf(IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.TryGetValue(ToolshedLabels.Instance, out var instance))
        {
            return $"another Toolshed daemon, instance {instance}";
        }

        return labels.ContainsKey(ToolshedLabels.Managed)
            ? "a Toolshed without an instance label"
            : "not Toolshed: it carries no toolshed labels";
    }

    /// <summary>The label filter that selects what this daemon owns on the engine: containers and networks.</summary>
    public IReadOnlyDictionary<string, string> OwnedFilter => new Dictionary<string, string>
    {
        [ToolshedLabels.Managed] = ToolshedLabels.ManagedValue,
        [ToolshedLabels.Instance] = Id,
    };
}
