using System.Text.Json.Serialization;

namespace Toolshed.Server.Images.Api;

/// <summary>The body of POST /api/v1beta/images/pull.</summary>
public sealed record PullImageRequest
{
    /// <summary>An image reference, a package reference (npx://, uvx://, go://), or the name of a registry server ("server" or "registry/server") as create takes it.</summary>
    [JsonPropertyName("image")]
    public string? Image { get; init; }

    /// <summary>For a package: build again even when an image from the same inputs exists (and skip the engine's cache).</summary>
    [JsonPropertyName("rebuild")]
    public bool? Rebuild { get; init; }

    /// <summary>For a package: stored secrets its build needs as installer credentials files (npmrc, pip.conf, netrc).</summary>
    [JsonPropertyName("build_secrets")]
    public IReadOnlyList<Workloads.Api.SecretParameter>? BuildSecrets { get; init; }

    /// <summary>For a package: the image to build on and run from instead of the ecosystem's default.</summary>
    [JsonPropertyName("runtime_image")]
    public string? RuntimeImage { get; init; }
}
