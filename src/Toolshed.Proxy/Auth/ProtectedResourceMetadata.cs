using System.Text.Json.Serialization;

namespace Toolshed.Proxy.Auth;

/// <summary>The OAuth 2.0 protected-resource metadata document (RFC 9728 §2), so MCP clients can find the issuer.</summary>
public sealed record ProtectedResourceMetadata
{
    [JsonPropertyName("resource")]
    public required string Resource { get; init; }

    [JsonPropertyName("authorization_servers")]
    public required IReadOnlyList<string> AuthorizationServers { get; init; }

    [JsonPropertyName("bearer_methods_supported")]
    public required IReadOnlyList<string> BearerMethodsSupported { get; init; }

    [JsonPropertyName("resource_name")]
    public string? ResourceName { get; init; }
}
