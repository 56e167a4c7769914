using System.Text.Json.Serialization;

namespace Toolshed.Cli.Registry;

/// <summary>A header a remote registry server expects.</summary>
public sealed record RegistryHeaderView
{
    [JsonPropertyName("name")]
    public string Name { get; init; } = "";

    [JsonPropertyName("description")]
    public string? Description { get; init; }

    [JsonPropertyName("required")]
    public bool Required { get; init; }

    [JsonPropertyName("secret")]
    public bool Secret { get; init; }

    [JsonPropertyName("default")]
    public string? Default { get; init; }
}
