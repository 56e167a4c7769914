using System.Text.Json.Serialization;

namespace Toolshed.Remote.OAuth;

/// <summary>What a registration answers that Toolshed keeps (RFC 7591 §3.2.1), or its error (§3.2.2).</summary>
internal sealed record ClientRegistrationResponse
{
    [JsonPropertyName("client_id")]
    public string? ClientId { get; init; }

    [JsonPropertyName("client_secret")]
    public string? ClientSecret { get; init; }

    [JsonPropertyName("error")]
    public string? Error { get; init; }

    [JsonPropertyName("error_description")]
    public string? ErrorDescription { get; init; }
}
