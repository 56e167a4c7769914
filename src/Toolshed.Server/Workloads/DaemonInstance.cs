using System.Security.Cryptography;
using System.Text;
using Toolshed.Core.Configuration;

namespace Toolshed.Server.Workloads;

/// <summary>Identifies this daemon's state root on the engine: containers carry it in the toolshed.instance label.</summary>
public sealed class DaemonInstance(ToolshedPaths paths)
{
    public string Id { get; } = Convert.ToHexStringLower(
        SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(paths.StateDirectory))))[..16];

    /// <summary>The label filter that selects what this daemon owns on the engine: containers and networks.</summary>
    public IReadOnlyDictionary<string, string> OwnedFilter => new Dictionary<string, string>
    {
        [Core.Runtime.ToolshedLabels.Managed] = Core.Runtime.ToolshedLabels.ManagedValue,
        [Core.Runtime.ToolshedLabels.Instance] = Id,
    };
}
