using System.Text.Json.Serialization;

namespace Toolshed.Server.Workloads.Api;

/// <summary>
/// A server as the API reports it: the reference's ContainerInfo, field for field as the reference spells them, plus
/// Toolshed's own snake_case fields (where it answers and how).
/// </summary>
public record ContainerInfo
{
    [JsonPropertyName("created")]
    public required string Created { get; init; }

    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("image")]
    public required string Image { get; init; }

    [JsonPropertyName("labels")]
    public required IReadOnlyDictionary<string, string> Labels { get; init; }

    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("ports")]
    public required IReadOnlyList<PortInfo> Ports { get; init; }

    [JsonPropertyName("state")]
    public required string State { get; init; }

    [JsonPropertyName("status")]
    public required string Status { get; init; }

    /// <summary>Its Streamable HTTP URL; empty while the workload is stopped.</summary>
    [JsonPropertyName("url")]
    public string Url { get; init; } = "";

    /// <summary>Its legacy SSE URL; empty while the workload is stopped.</summary>
    [JsonPropertyName("sse_url")]
    public string SseUrl { get; init; } = "";

    /// <summary>How the server itself speaks MCP: stdio, sse or streamable-http (clients always get both URLs).</summary>
    [JsonPropertyName("transport")]
    public string Transport { get; init; } = "";
}
