using System.Text.Json.Serialization;

namespace Toolshed.Cli.Registry;

/// <summary>POST /api/v1beta/registry: a name and either a local file path or a URL.</summary>
public sealed record AddRegistryRequest
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("path")]
    public string? Path { get; init; }

    [JsonPropertyName("url")]
    public string? Url { get; init; }
}
