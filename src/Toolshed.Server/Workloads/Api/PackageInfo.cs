using System.Text.Json.Serialization;

namespace Toolshed.Server.Workloads.Api;

/// <summary>A package workload's source as resolved at create time (a Toolshed extension of the server details).</summary>
public sealed record PackageInfo
{
    /// <summary>The pinned reference, e.g. npx://@modelcontextprotocol/server-everything@2025.9.25.</summary>
    [JsonPropertyName("reference")]
    public required string Reference { get; init; }

    /// <summary>The version resolved (for a local source: local- and a hash of its files).</summary>
    [JsonPropertyName("version")]
    public required string Version { get; init; }

    /// <summary>The command the package provides, which the workload runs.</summary>
    [JsonPropertyName("command")]
    public required string Command { get; init; }

    /// <summary>The image it was built on, when not the ecosystem's default.</summary>
    [JsonPropertyName("runtime_image")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? RuntimeImage { get; init; }

    /// <summary>What the runtime runs (with Docker: the image built from the package).</summary>
    [JsonPropertyName("built_image")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? BuiltImage { get; init; }
}
