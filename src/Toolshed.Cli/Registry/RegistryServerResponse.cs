using System.Text.Json.Serialization;

namespace Toolshed.Cli.Registry;

/// <summary>GET /api/v1beta/registry/{name}/servers/{serverName}.</summary>
public sealed record RegistryServerResponse([property: JsonPropertyName("server")] RegistryServerView? Server);
