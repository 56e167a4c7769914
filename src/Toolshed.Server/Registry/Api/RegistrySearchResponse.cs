using System.Text.Json.Serialization;

namespace Toolshed.Server.Registry.Api;

/// <summary>GET /api/v1beta/registry/-/search?q=: the best matches first, each with the registry it is in (Toolshed extension).</summary>
public sealed record RegistrySearchResponse(
    [property: JsonPropertyName("results")] IReadOnlyList<RegistrySearchHit> Results,
    [property: JsonPropertyName("skipped")] IReadOnlyList<RegistrySearchSkip> Skipped);
