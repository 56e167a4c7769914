using System.Text.Json.Serialization;

namespace Toolshed.Cli.Registry;

/// <summary>A registry document: its servers by name.</summary>
public sealed record RegistryContent
{
    [JsonPropertyName("version")]
    public string? Version { get; init; }

    [JsonPropertyName("last_updated")]
    public string? LastUpdated { get; init; }

    [JsonPropertyName("servers")]
    public IReadOnlyDictionary<string, RegistryServerView>? Servers { get; init; }
}
