using System.Text.Json.Serialization;

namespace Toolshed.Server.Clients.Api;

/// <summary>GET /discovery/clients and GET /clients.</summary>
public sealed record ClientListResponse([property: JsonPropertyName("clients")] IReadOnlyList<ClientStatus> Clients);
