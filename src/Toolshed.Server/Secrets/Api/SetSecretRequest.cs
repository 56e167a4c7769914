using System.Text.Json.Serialization;

namespace Toolshed.Server.Secrets.Api;

/// <summary>PUT /api/v1beta/secrets/{name}: the value to store.</summary>
public sealed record SetSecretRequest
{
    [JsonPropertyName("value")]
    public string? Value { get; init; }
}
