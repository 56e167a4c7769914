using System.Text.Json.Serialization;

namespace Toolshed.Cli.Registry;

/// <summary>GET /api/v1beta/registry/{name}: the registry's summary and its document.</summary>
public sealed record RegistryDetails
{
    [JsonPropertyName("name")]
    public string Name { get; init; } = "";

    [JsonPropertyName("version")]
    public string? Version { get; init; }

    [JsonPropertyName("last_updated")]
    public string? LastUpdated { get; init; }

    [JsonPropertyName("server_count")]
    public int ServerCount { get; init; }

    [JsonPropertyName("registry")]
    public RegistryContent? Registry { get; init; }
}
