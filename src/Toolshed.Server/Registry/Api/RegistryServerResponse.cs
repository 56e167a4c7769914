using System.Text.Json.Serialization;
using Toolshed.Core.Registry;

namespace Toolshed.Server.Registry.Api;

/// <summary>GET /api/v1beta/registry/{name}/servers/{serverName}.</summary>
public sealed record RegistryServerResponse([property: JsonPropertyName("server")] RegistryServer Server);
