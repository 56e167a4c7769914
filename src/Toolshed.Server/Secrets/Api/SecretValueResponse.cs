using System.Text.Json.Serialization;

namespace Toolshed.Server.Secrets.Api;

/// <summary>
/// GET /api/v1beta/secrets/{name}: the secret's metadata, and its value only when asked with reveal=true (the one
/// answer that ever carries a value).
/// </summary>
public sealed record SecretValueResponse(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("value"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Value)
{
    /// <summary>False in a metadata-only answer, so a client can tell "hidden" from "empty".</summary>
    [JsonPropertyName("revealed")]
    public bool Revealed => Value is not null;
}
