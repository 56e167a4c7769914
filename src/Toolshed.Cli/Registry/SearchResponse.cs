using System.Text.Json.Serialization;

namespace Toolshed.Cli.Registry;

/// <summary>The daemon's answer to GET /api/v1beta/registry/-/search: the hits, best first, and the registries it could not search.</summary>
public sealed record SearchResponse(
    [property: JsonPropertyName("results")] IReadOnlyList<SearchHit>? Results,
    [property: JsonPropertyName("skipped")] IReadOnlyList<SearchSkip>? Skipped);
