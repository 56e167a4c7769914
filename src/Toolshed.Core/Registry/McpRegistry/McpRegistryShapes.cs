using System.Text.Json;

namespace Toolshed.Core.Registry.McpRegistry;

/// <summary>
/// Tells the shapes an MCP Registry source comes in: one server.json, an array of them, or a page of the list API
/// (<c>{"servers":[…], "metadata":{"nextCursor":…}}</c>, each item a server.json or <c>{"server":…, "_meta":…}</c>).
/// ToolHive's format (<c>"servers"</c> an object) is not one of them.
/// </summary>
public static class McpRegistryShapes
{
    /// <summary>The server.json documents in <paramref name="root"/>, or null when it is not an MCP Registry shape.</summary>
    public static IReadOnlyList<JsonElement>? Servers(JsonElement root, out string? nextCursor)
    {
        nextCursor = null;
        if (root.ValueKind == JsonValueKind.Array)
        {
            return [.. root.EnumerateArray().Select(Unwrap)];
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (root.TryGetProperty("servers", out var servers))
        {
            if (servers.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            if (root.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
                && (metadata.TryGetProperty("nextCursor", out var cursor) || metadata.TryGetProperty("next_cursor", out cursor))
                && cursor.ValueKind == JsonValueKind.String && cursor.GetString() is { Length: > 0 } next)
            {
                nextCursor = next;
            }

            return [.. servers.EnumerateArray().Select(Unwrap)];
        }

        return IsServerJson(root) ? [root] : null;
    }

    private static bool IsServerJson(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty("name", out _)
        && (element.TryGetProperty("packages", out _) || element.TryGetProperty("remotes", out _) || element.TryGetProperty("$schema", out _)
            || element.TryGetProperty("version_detail", out _) || element.TryGetProperty("version", out _));

    /// <summary>The list API's items wrap the server.json in <c>server</c> beside the registry's own <c>_meta</c>.</summary>
    private static JsonElement Unwrap(JsonElement item) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty("server", out var inner) && inner.ValueKind == JsonValueKind.Object ? inner : item;
}
