using System.Text.Json.Serialization;

namespace Toolshed.Server.Workloads.Api;

/// <summary>GET /api/v1beta/servers.</summary>
public sealed record ServerListResponse([property: JsonPropertyName("servers")] IReadOnlyList<ContainerInfo> Servers);
