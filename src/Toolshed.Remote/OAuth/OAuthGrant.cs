using System.Text.Json.Serialization;

namespace Toolshed.Remote.OAuth;

/// <summary>
/// Everything Toolshed keeps about its sign-in to one remote, as one entry of the encrypted secret store (never in the
/// workload's record): the endpoints it was issued by, the client it registered, and the tokens.
/// </summary>
internal sealed record OAuthGrant
{
    [JsonPropertyName("remote")]
    public required string Remote { get; init; }

    [JsonPropertyName("issuer")]
    public required string Issuer { get; init; }

    [JsonPropertyName("token_endpoint")]
    public required string TokenEndpoint { get; init; }

    [JsonPropertyName("client_id")]
    public required string ClientId { get; init; }

    /// <summary>A secret the authorization server issued at dynamic registration; a pre-registered client's secret
    /// stays in its own stored secret and is never copied here.</summary>
    [JsonPropertyName("client_secret")]
    public string? ClientSecret { get; init; }

    /// <summary>How the client authenticates at the token endpoint (<see cref="TokenEndpointAuth"/>); null before
    /// this was kept, which meant <c>client_secret_post</c>.</summary>
    [JsonPropertyName("token_endpoint_auth_method")]
    public string? TokenEndpointAuthMethod { get; init; }

    [JsonPropertyName("redirect_uri")]
    public string? RedirectUri { get; init; }

    [JsonPropertyName("scope")]
    public string? Scope { get; init; }

    [JsonPropertyName("access_token")]
    public string? AccessToken { get; init; }

    [JsonPropertyName("refresh_token")]
    public string? RefreshToken { get; init; }

    [JsonPropertyName("expires_at")]
    public DateTimeOffset? ExpiresAt { get; init; }

    [JsonPropertyName("issued_at")]
    public DateTimeOffset? IssuedAt { get; init; }
}
