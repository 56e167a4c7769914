using System.Text.Json.Serialization;

namespace Toolshed.Server.Workloads.Api;

/// <summary>A server as the API reports it (the reference's ContainerInfo).</summary>
public sealed record ContainerInfo
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
}
