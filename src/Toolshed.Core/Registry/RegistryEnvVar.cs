using System.Text.Json.Serialization;

namespace Toolshed.Core.Registry;

/// <summary>An environment variable a registry server reads: required or not, secret or not, with a default.</summary>
public sealed record RegistryEnvVar
{
    [JsonPropertyName("default")]
    public string Default { get; init; } = "";

    [JsonPropertyName("description")]
    public string Description { get; init; } = "";

    [JsonPropertyName("name")]
    public string Name { get; init; } = "";

    [JsonPropertyName("required")]
    public bool Required { get; init; }

    [JsonPropertyName("secret")]
    public bool Secret { get; init; }
}
