using System.Text.Json.Serialization;

namespace Toolshed.Server.Secrets.Api;

/// <summary>GET /api/v1beta/secrets/{name}: the one response that carries a secret's value.</summary>
public sealed record SecretValueResponse(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("value")] string Value);
