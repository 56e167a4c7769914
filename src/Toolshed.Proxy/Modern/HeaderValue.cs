using System.Buffers.Text;
using System.Text;

namespace Toolshed.Proxy.Modern;

/// <summary>
/// The values of the headers 2026-07-28 mirrors from a request body (<c>Mcp-Name</c>, <c>Mcp-Param-*</c>): plain visible
/// ASCII, or the sentinel form <c>=?base64?…?=</c> for anything else (UTF-8, then Base64).
/// </summary>
internal static class HeaderValue
{
    private const string Prefix = "=?base64?";
    private const string Suffix = "?=";

    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The value a header stands for; false when it holds characters a header may not, or broken Base64 or UTF-8.</summary>
    public static bool TryDecode(string raw, out string value)
    {
        value = "";
        if (raw.Length >= Prefix.Length + Suffix.Length && raw.StartsWith(Prefix, StringComparison.Ordinal)
            && raw.EndsWith(Suffix, StringComparison.Ordinal))
        {
            var encoded = raw.AsSpan(Prefix.Length, raw.Length - Prefix.Length - Suffix.Length);
            if (!Base64.IsValid(encoded, out var length))
            {
                return false;
            }

            var bytes = new byte[length];
            if (!Convert.TryFromBase64Chars(encoded, bytes, out var written))
            {
                return false;
            }

            try
            {
                value = s_strictUtf8.GetString(bytes, 0, written);
                return true;
            }
            catch (DecoderFallbackException)
            {
                return false;
            }
        }

        foreach (var c in raw)
        {
            if (c is not ((>= ' ' and <= '~') or '\t'))
            {
                return false;
            }
        }

        value = raw;
        return true;
    }

    /// <summary>How a client writes <paramref name="value"/> into a header (the form <see cref="TryDecode"/> reads).</summary>
    public static string Encode(string value)
    {
        var plain = value.Length > 0 && value.Trim(' ', '\t') == value
            && !(value.StartsWith(Prefix, StringComparison.Ordinal) && value.EndsWith(Suffix, StringComparison.Ordinal));
        foreach (var c in value)
        {
            plain &= c is >= ' ' and <= '~';
        }

        return plain ? value : Prefix + Convert.ToBase64String(Encoding.UTF8.GetBytes(value)) + Suffix;
    }
}
