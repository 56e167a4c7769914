using System.Text.Json.Serialization;

namespace Toolshed.Core.Registry;

/// <summary>Popularity and freshness figures of a registry server.</summary>
public sealed record RegistryServerMetadata
{
    [JsonPropertyName("last_updated")]
    public string LastUpdated { get; init; } = "";

    [JsonPropertyName("pulls")]
    public long Pulls { get; init; }

    [JsonPropertyName("stars")]
    public long Stars { get; init; }
}
