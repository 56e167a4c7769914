using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Toolshed.Proxy.Auth;

/// <summary>The signing keys of one fetched issuer configuration (RSA and EC keys meant for signatures) and their ids.</summary>
internal sealed class SigningKeySet
{
    private readonly HashSet<string> _keyIds;

    public SigningKeySet(OpenIdConnectConfiguration configuration)
    {
        Configuration = configuration;
        Keys = [.. configuration.SigningKeys.Where(IsSigningKey)];
        _keyIds = Keys.Select(k => k.KeyId).OfType<string>().ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The configuration these keys came from: a new instance after every refresh.</summary>
    public OpenIdConnectConfiguration Configuration { get; }

    public IReadOnlyList<SecurityKey> Keys { get; }

    public bool Contains(string keyId) => _keyIds.Contains(keyId);

    private static bool IsSigningKey(SecurityKey key) => key switch
    {
        JsonWebKey jwk => (jwk.Use is null or "" or JsonWebKeyUseNames.Sig)
                          && (jwk.Kty is JsonWebAlgorithmsKeyTypes.RSA or JsonWebAlgorithmsKeyTypes.EllipticCurve),
        RsaSecurityKey or ECDsaSecurityKey => true,
        _ => false,
    };
}
