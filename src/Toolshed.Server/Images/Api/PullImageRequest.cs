using System.Text.Json.Serialization;

namespace Toolshed.Server.Images.Api;

/// <summary>The body of POST /api/v1beta/images/pull.</summary>
public sealed record PullImageRequest
{
    /// <summary>An image reference, or the name of a registry server ("server" or "registry/server") as create takes it.</summary>
    [JsonPropertyName("image")]
    public string? Image { get; init; }
}
