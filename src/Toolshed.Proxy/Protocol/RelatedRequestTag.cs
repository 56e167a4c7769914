using System.Buffers;
using System.Text.Json.Nodes;

namespace Toolshed.Proxy.Protocol;

/// <summary>
/// Which client request a server's request to the client belongs to, when the transport says so: a Streamable HTTP
/// server sends it on the answer stream of that request. The upstream channel writes the request's proxy id into the
/// server request's <c>_meta</c> under a key of Toolshed's own (and removes that key from anything else the server
/// sends, so a server cannot name another caller's request); the bridge takes it out again before the client sees it.
/// </summary>
internal static class RelatedRequestTag
{
    public const string Key = "dev.toolshed/relatedRequest";

    /// <summary>A server request read from the stream of the request <paramref name="relatedIdJson"/> (null: from no
    /// request's stream), with the tag set accordingly.</summary>
    public static ReadOnlyMemory<byte> Apply(ReadOnlyMemory<byte> request, string? relatedIdJson)
    {
        if (JsonRpc.TryParse(new ReadOnlySequence<byte>(request)) is not JsonObject message || message["params"] is not JsonObject parameters && relatedIdJson is null)
        {
            return request;
        }

        if (message["params"] is not JsonObject existing)
        {
            message["params"] = existing = new JsonObject();
        }

        if (existing["_meta"] is not JsonObject meta)
        {
            if (relatedIdJson is null)
            {
                return request;
            }

            existing["_meta"] = meta = new JsonObject();
        }

        meta.Remove(Key);
        if (relatedIdJson is not null)
        {
            meta[Key] = JsonNode.Parse(relatedIdJson);
        }

        return JsonRpc.ToUtf8(message);
    }

    /// <summary>Takes the tag out of a server request's params; the proxy id it names, if any.</summary>
    public static long? Take(JsonObject? parameters)
    {
        if (parameters?["_meta"] is not JsonObject meta || !meta.TryGetPropertyValue(Key, out var tag))
        {
            return null;
        }

        meta.Remove(Key);
        if (meta.Count == 0)
        {
            parameters.Remove("_meta");
        }

        return tag is JsonValue value && value.TryGetValue(out long proxyId) ? proxyId : null;
    }
}
