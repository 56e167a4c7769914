using System.Text.Json.Serialization;

namespace Toolshed.Core.Registry;

/// <summary>What a server needs: paths to read, paths to write, and outbound network access.
/// The same shape is a permission profile file.</summary>
public sealed record RegistryPermissions
{
    [JsonPropertyName("network")]
    public RegistryNetworkPermissions Network { get; init; } = new();

    [JsonPropertyName("read")]
    public IReadOnlyList<string> Read { get; init; } = [];

    [JsonPropertyName("write")]
    public IReadOnlyList<string> Write { get; init; } = [];
}
