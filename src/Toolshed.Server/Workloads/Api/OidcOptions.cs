using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Toolshed.Server.Workloads.Api;

/// <summary>v1.oidcOptions: OIDC configuration options.</summary>
[Description("OIDC configuration options")]
public sealed record OidcOptions
{
    [JsonPropertyName("audience")]
    public string? Audience { get; init; }

    [JsonPropertyName("client_id")]
    public string? ClientId { get; init; }

    [JsonPropertyName("issuer")]
    public string? Issuer { get; init; }

    [JsonPropertyName("jwks_url")]
    public string? JwksUrl { get; init; }
}
