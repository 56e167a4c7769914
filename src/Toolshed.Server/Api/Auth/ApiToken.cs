using System.Security.Cryptography;
using System.Text;

namespace Toolshed.Server.Api.Auth;

/// <summary>The token every API request must carry when the daemon runs without OIDC, and where it lives.</summary>
public sealed class ApiToken(string value, string path)
{
    private readonly byte[] _expected = Encoding.UTF8.GetBytes(value);

    /// <summary>The file holding the token, named in every 401 so a user knows where to look.</summary>
    public string Path { get; } = path;

    /// <summary>Compares in constant time, so the answer's timing says nothing about how much of a guess was right.</summary>
    public bool Matches(ReadOnlySpan<char> presented)
    {
        if (presented.IsEmpty || presented.Length > 512)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[Encoding.UTF8.GetMaxByteCount(presented.Length)];
        var length = Encoding.UTF8.GetBytes(presented, bytes);
        return CryptographicOperations.FixedTimeEquals(bytes[..length], _expected);
    }
}
