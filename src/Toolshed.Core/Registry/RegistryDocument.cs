using System.Text.Json.Serialization;

namespace Toolshed.Core.Registry;

/// <summary>A registry file: its version, when it was last updated, and its servers by name.</summary>
public sealed record RegistryDocument
{
    [JsonPropertyName("last_updated")]
    public string LastUpdated { get; init; } = "";

    [JsonPropertyName("servers")]
    public IReadOnlyDictionary<string, RegistryServer> Servers { get; init; } = new Dictionary<string, RegistryServer>();

    /// <summary>ToolHive's remote servers, by name; the validator moves them into <see cref="Servers"/> (with their
    /// <c>url</c>), so everything else sees one list.</summary>
    [JsonPropertyName("remote_servers")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, RegistryServer>? RemoteServers { get; init; }

    [JsonPropertyName("version")]
    public string Version { get; init; } = "";
}
