namespace Toolshed.Remote.OAuth;

/// <summary>What discovery found for one remote: the resource to ask tokens for, its authorization server's
/// endpoints, and the scopes to request.</summary>
internal sealed record OAuthEndpoints
{
    /// <summary>The canonical URI of the remote, sent as <c>resource</c> (RFC 8707) on every authorization and token request.</summary>
    public required string Resource { get; init; }

    public required string Issuer { get; init; }

    public required Uri AuthorizationEndpoint { get; init; }

    public required Uri TokenEndpoint { get; init; }

    public Uri? RegistrationEndpoint { get; init; }

    /// <summary>Space-separated scopes to ask for; null asks for none in particular.</summary>
    public string? Scope { get; init; }

    public bool ClientIdMetadataDocumentSupported { get; init; }

    public IReadOnlyList<string> TokenEndpointAuthMethods { get; init; } = [];
}
