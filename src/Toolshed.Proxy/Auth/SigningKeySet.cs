using Microsoft.IdentityModel.Tokens;

namespace Toolshed.Proxy.Auth;

/// <summary>One fetch of an issuer's JWKS: the keys, their ids, and when they were fetched.</summary>
internal sealed class SigningKeySet(IReadOnlyList<SecurityKey> keys, long fetchedAt)
{
    private readonly HashSet<string> _keyIds = keys.Select(k => k.KeyId).OfType<string>().ToHashSet(StringComparer.Ordinal);

    public IReadOnlyList<SecurityKey> Keys { get; } = keys;

    public long FetchedAt { get; } = fetchedAt;

    public bool Contains(string keyId) => _keyIds.Contains(keyId);
}
