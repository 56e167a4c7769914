using System.Text.Json.Serialization;

namespace Toolshed.Cli.Registry;

/// <summary>One entry of GET /api/v1beta/registry, as the CLI reads it.</summary>
public sealed record RegistrySummary
{
    [JsonPropertyName("name")]
    public string Name { get; init; } = "";

    [JsonPropertyName("version")]
    public string? Version { get; init; }

    [JsonPropertyName("last_updated")]
    public string? LastUpdated { get; init; }

    [JsonPropertyName("server_count")]
    public int ServerCount { get; init; }
}
