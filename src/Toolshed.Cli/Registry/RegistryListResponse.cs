using System.Text.Json.Serialization;

namespace Toolshed.Cli.Registry;

/// <summary>GET /api/v1beta/registry.</summary>
public sealed record RegistryListResponse([property: JsonPropertyName("registries")] IReadOnlyList<RegistrySummary>? Registries);
