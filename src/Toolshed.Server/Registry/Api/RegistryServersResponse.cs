using System.Text.Json.Serialization;
using Toolshed.Core.Registry;

namespace Toolshed.Server.Registry.Api;

/// <summary>GET /api/v1beta/registry/{name}/servers.</summary>
public sealed record RegistryServersResponse([property: JsonPropertyName("servers")] IReadOnlyList<RegistryServer> Servers);
