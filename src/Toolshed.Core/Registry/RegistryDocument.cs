using System.Text.Json.Serialization;

namespace Toolshed.Core.Registry;

/// <summary>A registry file: its version, when it was last updated, and its servers by name.</summary>
public sealed record RegistryDocument
{
    [JsonPropertyName("last_updated")]
    public string LastUpdated { get; init; } = "";

    [JsonPropertyName("servers")]
    public IReadOnlyDictionary<string, RegistryServer> Servers { get; init; } = new Dictionary<string, RegistryServer>();

    [JsonPropertyName("version")]
    public string Version { get; init; } = "";
}
