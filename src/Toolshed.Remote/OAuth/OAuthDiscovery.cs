using Toolshed.Core.Errors;
using Toolshed.Core.Remote;

namespace Toolshed.Remote.OAuth;

/// <summary>
/// Finds a remote's authorization server as the MCP authorization specification tells a client to: the protected
/// resource metadata (RFC 9728) from the challenge's <c>resource_metadata</c> or the well-known URLs, then the
/// authorization server's metadata (RFC 8414 or OpenID Connect discovery, trying each well-known form for an issuer
/// with a path), checking every URL on the way and that the server supports PKCE with S256.
/// </summary>
internal static class OAuthDiscovery
{
    public static async Task<OAuthEndpoints> DiscoverAsync(
        OAuthHttp http, Uri remote, BearerChallenge? challenge, RemoteOAuthSettings? settings, CancellationToken cancellationToken)
    {
        var resource = RemoteUrlRules.CanonicalResource(remote);
        var (metadata, metadataUrl) = await FindResourceMetadataAsync(http, remote, challenge, cancellationToken);
        if (metadata?.Resource is { } named)
        {
            // The metadata's resource is the remote itself or a parent of its path; its value is what tokens are asked for.
            var canonical = Uri.TryCreate(named, UriKind.Absolute, out var namedUrl) ? RemoteUrlRules.CanonicalResource(namedUrl) : null;
            if (canonical is null || (canonical != resource && !resource.StartsWith(canonical + "/", StringComparison.Ordinal)))
            {
                throw new RemoteServerException(
                    $"The protected resource metadata at {metadataUrl} is for {named}, not for {resource}; Toolshed will not use tokens meant for another resource.");
            }

            resource = canonical;
        }

        // Servers of the 2025-03-26 revision have no resource metadata: their origin is their authorization server,
        // its metadata is looked for there (whatever issuer it names), and without any the default endpoints are
        // /authorize, /token and /register at that origin, as that revision says.
        var legacy = metadata is null;
        var issuer = metadata?.AuthorizationServers is [var first, ..] ? first : remote.GetLeftPart(UriPartial.Authority);
        var issuerUrl = http.Check(issuer, "authorization server");
        var server = await FindServerMetadataAsync(http, issuerUrl, cancellationToken)
            ?? (legacy ? DefaultEndpoints(issuer) : null)
            ?? throw new RemoteServerException(
                $"The authorization server {issuer} of {remote} publishes no metadata (tried RFC 8414 and OpenID Connect discovery).");
        if (!legacy && !string.Equals(server.Issuer?.TrimEnd('/'), issuer.TrimEnd('/'), StringComparison.Ordinal))
        {
            throw new RemoteServerException($"The metadata of {issuer} names another issuer ({server.Issuer}); it is not used.");
        }

        if (server.CodeChallengeMethodsSupported is not { } methods || !methods.Contains("S256"))
        {
            throw new RemoteServerException(
                $"The authorization server {issuer} does not say it supports PKCE with S256, which MCP requires; Toolshed will not sign in there.");
        }

        return new OAuthEndpoints
        {
            Resource = resource,
            Issuer = server.Issuer ?? issuer,
            AuthorizationEndpoint = http.Check(server.AuthorizationEndpoint, "authorization endpoint"),
            TokenEndpoint = http.Check(server.TokenEndpoint, "token endpoint"),
            RegistrationEndpoint = server.RegistrationEndpoint is null ? null : http.Check(server.RegistrationEndpoint, "registration endpoint"),
            Scope = ChooseScope(settings, challenge, metadata, server),
            ClientIdMetadataDocumentSupported = server.ClientIdMetadataDocumentSupported,
            TokenEndpointAuthMethods = server.TokenEndpointAuthMethodsSupported ?? [],
        };
    }

    /// <summary>The user's scopes, else the challenge's, else those the resource supports; offline_access added where the
    /// authorization server offers it, so that a refresh token comes with the grant.</summary>
    internal static string? ChooseScope(
        RemoteOAuthSettings? settings, BearerChallenge? challenge, ProtectedResourceMetadata? resource, AuthorizationServerMetadata server)
    {
        IEnumerable<string> scopes = settings is { Scopes.Count: > 0 }
            ? settings.Scopes
            : challenge?.Scope is { Length: > 0 } asked
                ? asked.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                : resource?.ScopesSupported ?? [];
        var list = scopes.Distinct(StringComparer.Ordinal).ToList();
        if (server.ScopesSupported?.Contains("offline_access") == true && !list.Contains("offline_access"))
        {
            list.Add("offline_access");
        }

        return list.Count == 0 ? null : string.Join(' ', list);
    }

    private static async Task<(ProtectedResourceMetadata?, Uri?)> FindResourceMetadataAsync(
        OAuthHttp http, Uri remote, BearerChallenge? challenge, CancellationToken cancellationToken)
    {
        var candidates = new List<Uri>();
        if (challenge?.ResourceMetadata is { } named)
        {
            candidates.Add(http.Check(named.ToString(), "protected resource metadata URL"));
        }

        var origin = remote.GetLeftPart(UriPartial.Authority);
        var path = remote.AbsolutePath.TrimEnd('/');
        if (path.Length > 0)
        {
            candidates.Add(new Uri(origin + "/.well-known/oauth-protected-resource" + path));
        }

        candidates.Add(new Uri(origin + "/.well-known/oauth-protected-resource"));
        foreach (var candidate in candidates)
        {
            if (await http.GetDocumentAsync(candidate, OAuthJsonContext.Default.ProtectedResourceMetadata, cancellationToken) is { } found)
            {
                return (found, candidate);
            }
        }

        return (null, null);
    }

    /// <summary>The 2025-03-26 revision's endpoints for a server without metadata (PKCE was required there too).</summary>
    private static AuthorizationServerMetadata DefaultEndpoints(string origin) => new()
    {
        Issuer = origin,
        AuthorizationEndpoint = origin + "/authorize",
        TokenEndpoint = origin + "/token",
        RegistrationEndpoint = origin + "/register",
        CodeChallengeMethodsSupported = ["S256"],
    };

    private static async Task<AuthorizationServerMetadata?> FindServerMetadataAsync(OAuthHttp http, Uri issuer, CancellationToken cancellationToken)
    {
        var origin = issuer.GetLeftPart(UriPartial.Authority);
        var path = issuer.AbsolutePath.TrimEnd('/');
        Uri[] candidates = path.Length > 0
            ?
            [
                new(origin + "/.well-known/oauth-authorization-server" + path),
                new(origin + "/.well-known/openid-configuration" + path),
                new(origin + path + "/.well-known/openid-configuration"),
            ]
            : [new(origin + "/.well-known/oauth-authorization-server"), new(origin + "/.well-known/openid-configuration")];
        foreach (var candidate in candidates)
        {
            if (await http.GetDocumentAsync(candidate, OAuthJsonContext.Default.AuthorizationServerMetadata, cancellationToken) is { } found)
            {
                return found;
            }
        }

        return null;
    }
}
