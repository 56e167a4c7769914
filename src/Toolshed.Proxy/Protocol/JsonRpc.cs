using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Toolshed.Proxy.Protocol;

/// <summary>Small helpers to classify, build and serialize JSON-RPC messages held as <see cref="JsonNode"/>s.</summary>
internal static class JsonRpc
{
    /// <summary>How deep a server's messages may nest; a client's are held to <see cref="MessageRules.MaxDepth"/>.</summary>
    private const int ServerMaxDepth = 256;

    public static MessageKind Classify(JsonObject message, out string? method, out JsonNode? id)
    {
        method = message.TryGetPropertyValue("method", out var m) && m is JsonValue mv && mv.TryGetValue(out string? s) ? s : null;
        var hasId = message.TryGetPropertyValue("id", out id) && id is not null;
        if (method is not null)
        {
            return hasId ? MessageKind.Request : MessageKind.Notification;
        }

        return hasId && (message.ContainsKey("result") || message.ContainsKey("error")) ? MessageKind.Response : MessageKind.Invalid;
    }

    /// <summary>Parses one JSON document strictly (<see cref="StrictJson"/>); returns null (never throws) when it is not one.</summary>
    public static JsonNode? TryParse(ReadOnlySequence<byte> utf8) => StrictJson.TryParse(utf8, ServerMaxDepth);

    public static byte[] ToUtf8(JsonNode node)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            node.WriteTo(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The message serialized as one newline-terminated line, as stdio servers read them.</summary>
    public static byte[] ToUtf8Line(JsonNode node)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            node.WriteTo(writer);
        }

        buffer.GetSpan(1)[0] = (byte)'\n';
        buffer.Advance(1);
        return buffer.WrittenSpan.ToArray();
    }

    public static JsonObject Error(JsonNode? id, int code, string message) => new()
    {
        ["jsonrpc"] = "2.0",
        ["id"] = id?.DeepClone(),
        ["error"] = new JsonObject { ["code"] = code, ["message"] = message },
    };

    public static JsonObject Result(JsonNode? id, JsonNode result) => new()
    {
        ["jsonrpc"] = "2.0",
        ["id"] = id?.DeepClone(),
        ["result"] = result,
    };

    /// <summary>A key that tells ids apart exactly as JSON-RPC does ("1" and 1 differ).</summary>
    public static string IdKey(JsonNode id) => id.ToJsonString();
}
