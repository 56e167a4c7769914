using System.Text.Json.Serialization;

namespace Toolshed.Remote.OAuth;

/// <summary>
/// A Dynamic Client Registration request (RFC 7591) with only the metadata Toolshed means: unlike a full document with
/// empty lists and nulls, nothing here can turn on a server feature by accident (an empty default_acr_values makes some
/// servers demand openid, for one).
/// </summary>
internal sealed record ClientRegistrationRequest
{
    [JsonPropertyName("client_name")]
    public required string ClientName { get; init; }

    [JsonPropertyName("application_type")]
    public string ApplicationType { get; init; } = "native";

    [JsonPropertyName("redirect_uris")]
    public required IReadOnlyList<string> RedirectUris { get; init; }

    [JsonPropertyName("grant_types")]
    public IReadOnlyList<string> GrantTypes { get; init; } = ["authorization_code", "refresh_token"];

    [JsonPropertyName("response_types")]
    public IReadOnlyList<string> ResponseTypes { get; init; } = ["code"];

    [JsonPropertyName("token_endpoint_auth_method")]
    public string TokenEndpointAuthMethod { get; init; } = "none";

    [JsonPropertyName("scope")]
    public string? Scope { get; init; }
}
