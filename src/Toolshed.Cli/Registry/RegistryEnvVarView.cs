using System.Text.Json.Serialization;

namespace Toolshed.Cli.Registry;

/// <summary>An environment variable a registry server reads.</summary>
public sealed record RegistryEnvVarView
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
