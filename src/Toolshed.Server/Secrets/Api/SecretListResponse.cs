using System.Text.Json.Serialization;

namespace Toolshed.Server.Secrets.Api;

/// <summary>GET /api/v1beta/secrets: the names of every stored secret.</summary>
public sealed record SecretListResponse([property: JsonPropertyName("secrets")] IReadOnlyList<SecretSummary> Secrets);
