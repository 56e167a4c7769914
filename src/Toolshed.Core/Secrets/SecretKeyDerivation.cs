using System.Security.Cryptography;
using System.Text;

namespace Toolshed.Core.Secrets;

/// <summary>Turns a password into a 256-bit key (PBKDF2-HMAC-SHA256) and computes the header's key check.</summary>
internal static class SecretKeyDerivation
{
    /// <summary>OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256.</summary>
    public const int MinimumIterations = 600_000;
    public const int KeyLength = 32;

    private static ReadOnlySpan<byte> KeyCheckLabel => "toolshed secrets key check v1"u8;

    public static byte[] FromPassword(string password, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, KeyLength);

    public static byte[] KeyCheck(byte[] key) => HMACSHA256.HashData(key, KeyCheckLabel)[..SecretStoreHeader.KeyCheckLength];
}
