using System.Text.Json.Serialization;

namespace Toolshed.Core.Registry;

/// <summary>One MCP server in a registry, in the registry's wire format (snake_case).</summary>
public sealed record RegistryServer
{
    [JsonPropertyName("name")]
    public string Name { get; init; } = "";

    [JsonPropertyName("description")]
    public string Description { get; init; } = "";

    [JsonPropertyName("image")]
    public string Image { get; init; } = "";

    [JsonPropertyName("transport")]
    public string Transport { get; init; } = "stdio";

    [JsonPropertyName("target_port")]
    public int TargetPort { get; init; }

    [JsonPropertyName("args")]
    public IReadOnlyList<string> Args { get; init; } = [];

    [JsonPropertyName("env_vars")]
    public IReadOnlyList<RegistryEnvVar> EnvVars { get; init; } = [];

    [JsonPropertyName("tools")]
    public IReadOnlyList<string> Tools { get; init; } = [];

    [JsonPropertyName("tags")]
    public IReadOnlyList<string> Tags { get; init; } = [];

    [JsonPropertyName("docker_tags")]
    public IReadOnlyList<string> DockerTags { get; init; } = [];

    [JsonPropertyName("permissions")]
    public RegistryPermissions Permissions { get; init; } = new();

    [JsonPropertyName("metadata")]
    public RegistryServerMetadata Metadata { get; init; } = new();

    [JsonPropertyName("provenance")]
    public RegistryProvenance Provenance { get; init; } = new();

    [JsonPropertyName("repository_url")]
    public string RepositoryUrl { get; init; } = "";

    /// <summary>Where a remote server is served (an entry of ToolHive's <c>remote_servers</c>, or an MCP Registry
    /// entry's <c>remotes</c>); null for a server that runs here from <see cref="Image"/>.</summary>
    [JsonPropertyName("url")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Url { get; init; }

    /// <summary>The headers a remote server expects.</summary>
    [JsonPropertyName("headers")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<RegistryHeader>? Headers { get; init; }

    /// <summary>How to sign in to a remote server, beyond what discovery finds.</summary>
    [JsonPropertyName("oauth_config")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public RegistryOAuthConfig? OAuthConfig { get; init; }

    /// <summary>Whether this entry is a remote server rather than one run here.</summary>
    [JsonIgnore]
    public bool IsRemote => !string.IsNullOrWhiteSpace(Url);

    /// <summary>The <c>{name}</c> placeholders in <see cref="Args"/>, filled at create time. A Toolshed extension.</summary>
    [JsonPropertyName("x-toolshed-arguments")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<RegistryArgument>? Arguments { get; init; }

    /// <summary>Why Toolshed cannot run this entry (a remote server, a NuGet or MCPB package), when it cannot; it is
    /// listed all the same. A Toolshed extension.</summary>
    [JsonPropertyName("x-toolshed-unsupported")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Unsupported { get; init; }

    /// <summary>The entry's original MCP Registry server.json, when it came from one. A Toolshed extension.</summary>
    [JsonPropertyName("x-mcp-registry")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public System.Text.Json.JsonElement? McpRegistryServer { get; init; }
}
