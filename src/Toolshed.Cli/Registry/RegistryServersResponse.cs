using System.Text.Json.Serialization;

namespace Toolshed.Cli.Registry;

/// <summary>GET /api/v1beta/registry/{name}/servers.</summary>
public sealed record RegistryServersResponse([property: JsonPropertyName("servers")] IReadOnlyList<RegistryServerView>? Servers);
