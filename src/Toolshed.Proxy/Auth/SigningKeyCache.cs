using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Toolshed.Proxy.Auth;

/// <summary>
/// An issuer's signing keys, kept by IdentityModel's <see cref="ConfigurationManager{T}"/>: from the issuer's OpenID
/// discovery document and its jwks_uri, or straight from a configured JWKS URL. A token naming an unknown key id asks
/// for a refresh, so key rotation needs no restart; the manager grants at most one such refresh per
/// <see cref="OidcKeyRefreshPolicy.MinRefreshInterval"/> (the first always), so tokens with made-up key ids cannot make
/// the proxy hammer the identity provider, and refetches on its own after <see cref="OidcKeyRefreshPolicy.MaxAge"/>.
/// </summary>
internal sealed class SigningKeyCache
{
    private readonly ConfigurationManager<OpenIdConnectConfiguration> _manager;
    private readonly string _issuer;
    private readonly ILogger _logger;
    private SigningKeySet? _current;

    public SigningKeyCache(HttpClient http, Uri issuer, Uri? jwksUrl, OidcKeyRefreshPolicy policy, ILogger logger)
    {
        _issuer = issuer.ToString();
        _logger = logger;
        // The issuer's scheme was checked against the settings rules (http is the administrator's choice, e.g. on loopback).
        var documents = new BoundedDocumentRetriever(new HttpDocumentRetriever(http) { RequireHttps = false }, policy.FetchTimeout);
        _manager = jwksUrl is null
            ? new(_issuer.TrimEnd('/') + "/.well-known/openid-configuration", new OpenIdConnectConfigurationRetriever(), documents)
            : new(jwksUrl.ToString(), new JwksConfigurationRetriever(), documents);
        _manager.RefreshInterval = Clamp(policy.MinRefreshInterval, BaseConfigurationManager.MinimumRefreshInterval);
        _manager.AutomaticRefreshInterval = Clamp(policy.MaxAge, BaseConfigurationManager.MinimumAutomaticRefreshInterval);
    }

    /// <summary>The keys to check a token against, after a refresh when it names a key id not seen yet (rate permitting).</summary>
    public async ValueTask<SigningKeySet?> GetAsync(string? keyId, CancellationToken cancellationToken)
    {
        var keys = await FetchAsync(cancellationToken);
        if (keys is null || keyId is null || keys.Contains(keyId))
        {
            return keys;
        }

        _manager.RequestRefresh();
        return await FetchAsync(cancellationToken) ?? keys;
    }

    private async ValueTask<SigningKeySet?> FetchAsync(CancellationToken cancellationToken)
    {
        OpenIdConnectConfiguration configuration;
        try
        {
            configuration = await _manager.GetConfigurationAsync(cancellationToken);
        }
        catch (InvalidOperationException ex)
        {
            OidcLog.KeyFetchFailed(_logger, _issuer, (ex.InnerException ?? ex).Message);
            return null;
        }

        var current = Volatile.Read(ref _current);
        if (current is not null && ReferenceEquals(current.Configuration, configuration))
        {
            return current;
        }

        var keys = new SigningKeySet(configuration);
        Volatile.Write(ref _current, keys);
        OidcLog.KeysFetched(_logger, _issuer, keys.Keys.Count);
        return keys;
    }

    private static TimeSpan Clamp(TimeSpan value, TimeSpan minimum) => value < minimum ? minimum : value;
}
