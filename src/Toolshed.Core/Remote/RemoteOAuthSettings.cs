namespace Toolshed.Core.Remote;

/// <summary>
/// The user's choices for signing in to a remote. Everything is optional: without a client id Toolshed registers one
/// (a Client ID Metadata Document URL when given and supported, else Dynamic Client Registration), and without scopes
/// it asks for those the remote's challenge or metadata names.
/// </summary>
public sealed record RemoteOAuthSettings
{
    /// <summary>A client registered with the authorization server beforehand.</summary>
    public string? ClientId { get; init; }

    /// <summary>The stored secret holding that client's secret (a confidential client); never the value itself.</summary>
    public string? ClientSecretName { get; init; }

    /// <summary>An https URL of a Client ID Metadata Document the user publishes, used as the client id where the
    /// authorization server supports such documents.</summary>
    public Uri? ClientMetadataUrl { get; init; }

    /// <summary>Scopes to ask for instead of those the remote names.</summary>
    public IReadOnlyList<string> Scopes { get; init; } = [];

    /// <summary>The loopback port the browser is sent back to; 0 picks one at registration and keeps it.</summary>
    public int CallbackPort { get; init; }

    /// <summary>Hosts that metadata may point token or registration endpoints at although they resolve to private,
    /// loopback or link-local addresses (the SSRF guard; the remote's own host is always allowed).</summary>
    public IReadOnlyList<string> AllowedPrivateHosts { get; init; } = [];
}
