using System.Security.Cryptography;
using System.Text;
using Duende.IdentityModel;

namespace Toolshed.Remote.OAuth;

/// <summary>A PKCE pair (RFC 7636) with the S256 method, and the sign-in's state value.</summary>
internal sealed record Pkce(string Verifier, string Challenge, string State)
{
    public static Pkce Create()
    {
        var verifier = CryptoRandom.CreateUniqueId(48, CryptoRandom.OutputFormat.Base64Url);
        var challenge = System.Buffers.Text.Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        return new Pkce(verifier, challenge, CryptoRandom.CreateUniqueId(24, CryptoRandom.OutputFormat.Base64Url));
    }
}
