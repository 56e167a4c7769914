using System.Text.Json.Serialization;

namespace Toolshed.Remote.OAuth;

/// <summary>The parts of a remote's OAuth protected resource metadata (RFC 9728) a client uses.</summary>
internal sealed record ProtectedResourceMetadata
{
    [JsonPropertyName("resource")]
    public string? Resource { get; init; }

    [JsonPropertyName("authorization_servers")]
    public IReadOnlyList<string>? AuthorizationServers { get; init; }

    [JsonPropertyName("scopes_supported")]
    public IReadOnlyList<string>? ScopesSupported { get; init; }
}
