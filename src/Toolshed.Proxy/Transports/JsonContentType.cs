using Microsoft.Net.Http.Headers;

namespace Toolshed.Proxy.Transports;

/// <summary>
/// Which request bodies are JSON-RPC: Content-Type application/json (or a +json type), in UTF-8 — the only encoding
/// JSON between systems may use (RFC 8259), so a charset parameter naming any other is refused, not guessed at.
/// </summary>
internal static class JsonContentType
{
    public static bool IsAccepted(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType) || !MediaTypeHeaderValue.TryParse(contentType, out var parsed))
        {
            return false;
        }

        var mediaType = parsed.MediaType;
        var isJson = mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (mediaType.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
        if (!isJson)
        {
            return false;
        }

        var charset = parsed.Charset;
        return !charset.HasValue
            || charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
            || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase)
            || charset.Equals("\"utf-8\"", StringComparison.OrdinalIgnoreCase);
    }
}
