using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace Toolshed.Proxy.Auth;

/// <summary>
/// An issuer's signing keys, fetched from its JWKS (the configured URL, or the jwks_uri of its discovery document) and
/// cached. A token naming an unknown key id triggers a refresh, so key rotation needs no restart; refreshes are
/// rate-limited so that tokens with made-up key ids cannot make the proxy hammer the identity provider.
/// </summary>
// The semaphore's wait handle is never touched, so it holds nothing that needs disposing.
#pragma warning disable CA1001
internal sealed class SigningKeyCache(
    HttpClient http, Uri issuer, Uri? jwksUrl, TimeProvider timeProvider, OidcKeyRefreshPolicy policy, ILogger logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SigningKeySet? _keys;
    private Uri? _jwksUrl = jwksUrl;
    private long _lastAttempt;
    private bool _attempted;

    /// <summary>The keys to check a token against: fresh ones when it names a key id not seen yet (rate permitting).</summary>
    public async ValueTask<SigningKeySet?> GetAsync(string? keyId, CancellationToken cancellationToken)
    {
        var keys = Volatile.Read(ref _keys);
        if (IsUsable(keys, keyId) || (keys is not null && !RefreshAllowed()))
        {
            return keys;
        }

        // Without keys, wait for a fetch another request may have under way rather than refuse at once.
        await _gate.WaitAsync(cancellationToken);
        try
        {
            keys = _keys;
            if (IsUsable(keys, keyId) || !RefreshAllowed())
            {
                return keys;
            }

            _attempted = true;
            _lastAttempt = timeProvider.GetTimestamp();
            try
            {
                var fetched = await FetchAsync(cancellationToken);
                Volatile.Write(ref _keys, fetched);
                OidcLog.KeysFetched(logger, issuer.ToString(), fetched.Keys.Count);
            }
            catch (Exception ex) when (ex is HttpRequestException or JsonException or ArgumentException or InvalidOperationException
                                           or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                OidcLog.KeyFetchFailed(logger, issuer.ToString(), ex.Message);
            }

            return _keys;
        }
        finally
        {
            _gate.Release();
        }
    }

    private bool IsUsable(SigningKeySet? keys, string? keyId) =>
        keys is not null
        && (keyId is null || keys.Contains(keyId))
        && timeProvider.GetElapsedTime(keys.FetchedAt) < policy.MaxAge;

    private bool RefreshAllowed() =>
        !_attempted || timeProvider.GetElapsedTime(Volatile.Read(ref _lastAttempt)) >= policy.MinRefreshInterval;

    private async Task<SigningKeySet> FetchAsync(CancellationToken cancellationToken)
    {
        _jwksUrl ??= await DiscoverJwksUrlAsync(cancellationToken);
        var json = await GetStringAsync(_jwksUrl, cancellationToken);
        var keySet = new JsonWebKeySet(json);
        var keys = keySet.Keys
            .Where(k => k.Use is null or "" or JsonWebKeyUseNames.Sig)
            .Where(k => k.Kty is JsonWebAlgorithmsKeyTypes.RSA or JsonWebAlgorithmsKeyTypes.EllipticCurve)
            .Cast<SecurityKey>()
            .ToList();
        return new SigningKeySet(keys, timeProvider.GetTimestamp());
    }

    private async Task<Uri> DiscoverJwksUrlAsync(CancellationToken cancellationToken)
    {
        var discovery = new Uri(issuer.ToString().TrimEnd('/') + "/.well-known/openid-configuration");
        using var document = JsonDocument.Parse(await GetStringAsync(discovery, cancellationToken));
        if (document.RootElement.ValueKind != JsonValueKind.Object
            || !document.RootElement.TryGetProperty("jwks_uri", out var jwks)
            || !Uri.TryCreate(jwks.GetString(), UriKind.Absolute, out var jwksUri)
            || jwksUri.Scheme is not ("http" or "https"))
        {
            throw new InvalidOperationException($"{discovery} names no absolute jwks_uri.");
        }

        return jwksUri;
    }

    private async Task<string> GetStringAsync(Uri url, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(policy.FetchTimeout);
        using var response = await http.GetAsync(url, timeout.Token);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync(timeout.Token);
    }
}
#pragma warning restore CA1001
