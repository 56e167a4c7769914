using System.Text.Json;
using System.Text.Json.Serialization;

namespace Toolshed.Cli.Registry;

/// <summary>A server of a registry, as the CLI reads it (its own read-model, so the daemon's types may move).</summary>
public sealed record RegistryServerView
{
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("description")]
    public string? Description { get; init; }

    [JsonPropertyName("image")]
    public string? Image { get; init; }

    [JsonPropertyName("transport")]
    public string? Transport { get; init; }

    [JsonPropertyName("target_port")]
    public int? TargetPort { get; init; }

    [JsonPropertyName("args")]
    public IReadOnlyList<string>? Args { get; init; }

    [JsonPropertyName("env_vars")]
    public IReadOnlyList<RegistryEnvVarView>? EnvVars { get; init; }

    [JsonPropertyName("tools")]
    public IReadOnlyList<string>? Tools { get; init; }

    [JsonPropertyName("tags")]
    public IReadOnlyList<string>? Tags { get; init; }

    [JsonPropertyName("repository_url")]
    public string? RepositoryUrl { get; init; }

    /// <summary>Kept as raw JSON: the CLI only passes it on.</summary>
    [JsonPropertyName("permissions")]
    public JsonElement? Permissions { get; init; }

    /// <summary>Set for a remote server: where it is served.</summary>
    [JsonPropertyName("url")]
    public string? Url { get; init; }

    [JsonPropertyName("headers")]
    public IReadOnlyList<RegistryHeaderView>? Headers { get; init; }

    [JsonPropertyName("metadata")]
    public RegistryServerMetadataView? Metadata { get; init; }
}
