using System.Text.Json.Serialization;

namespace Toolshed.Cli.Registry;

/// <summary>Popularity and freshness of a registry server.</summary>
public sealed record RegistryServerMetadataView
{
    [JsonPropertyName("stars")]
    public long? Stars { get; init; }

    [JsonPropertyName("pulls")]
    public long? Pulls { get; init; }

    [JsonPropertyName("last_updated")]
    public string? LastUpdated { get; init; }
}
