using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;

namespace Toolshed.Proxy.Protocol;

/// <summary>
/// Parses one JSON document the way a peer that wants no surprises must: valid UTF-8 (no lone surrogate escapes
/// either), one value and nothing after it, no duplicate member names, a bounded depth. System.Text.Json alone lets a
/// duplicate key through to throw on first access and replaces bad UTF-8 with U+FFFD, so both are checked here.
/// </summary>
internal static class StrictJson
{
    private static readonly JsonNodeOptions s_nodeOptions = new() { PropertyNameCaseInsensitive = false };

    /// <summary>Returns null (never throws) when the bytes are not such a document.</summary>
    public static JsonNode? TryParse(ReadOnlySequence<byte> utf8, int maxDepth)
    {
        if (utf8.IsSingleSegment)
        {
            return TryParse(utf8.FirstSpan, maxDepth);
        }

        var length = checked((int)utf8.Length);
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            utf8.CopyTo(rented);
            return TryParse(rented.AsSpan(0, length), maxDepth);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public static JsonNode? TryParse(ReadOnlySpan<byte> utf8, int maxDepth)
    {
        if (!Utf8.IsValid(utf8) || !EscapesAreValid(utf8, maxDepth))
        {
            return null;
        }

        try
        {
            // The span overload copies what it keeps, so a pooled buffer may be returned afterwards.
            return JsonNode.Parse(utf8, s_nodeOptions, new JsonDocumentOptions { MaxDepth = maxDepth, AllowDuplicateProperties = false });
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A \uD800 escape without its pair parses, then throws wherever the string is read or written.</summary>
    private static bool EscapesAreValid(ReadOnlySpan<byte> utf8, int maxDepth)
    {
        if (utf8.IndexOf("\\u"u8) < 0)
        {
            return true;
        }

        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = maxDepth });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped)
                {
                    _ = reader.GetString();
                }
            }

            return true;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return false;
        }
    }
}
