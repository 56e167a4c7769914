using System.Text.Json.Serialization;

namespace Toolshed.Core.Registry;

/// <summary>An HTTP header a remote registry server expects: required or not, secret or not, with a default value.</summary>
public sealed record RegistryHeader
{
    [JsonPropertyName("name")]
    public string Name { get; init; } = "";

    [JsonPropertyName("description")]
    public string Description { get; init; } = "";

    [JsonPropertyName("required")]
    public bool Required { get; init; }

    [JsonPropertyName("secret")]
    public bool Secret { get; init; }

    /// <summary>Sent when the user gives none (never for a secret header).</summary>
    [JsonPropertyName("default")]
    public string Default { get; init; } = "";
}
