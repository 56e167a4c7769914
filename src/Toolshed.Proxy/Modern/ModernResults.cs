using System.Text.Json.Nodes;
using Toolshed.Proxy.Protocol;

namespace Toolshed.Proxy.Modern;

/// <summary>
/// Turns a 2025-era server's answer into a 2026-07-28 one: <c>resultType</c> on every result, caching hints on the
/// cacheable ones, the server's identity in <c>_meta</c>, and the error codes the revision renumbered.
/// </summary>
internal static class ModernResults
{
    /// <summary>How long a list may be kept when the server says when it changes (list_changed); else 0, always fresh.</summary>
    public const int ListTtlMs = 60_000;

    public static void Complete(JsonObject response, string method, ServerFacts facts, bool privateScope)
    {
        if (response["result"] is JsonObject result)
        {
            CompleteResult(result, method, facts, privateScope);
            return;
        }

        if (response["error"] is JsonObject error && error["code"] is JsonValue code && code.TryGetValue(out int value)
            && value == ModernProtocol.LegacyResourceNotFound)
        {
            error["code"] = McpProtocol.InvalidParams;
        }
    }

    public static void CompleteResult(JsonObject result, string method, ServerFacts facts, bool privateScope)
    {
        if (!result.ContainsKey("resultType"))
        {
            result["resultType"] = "complete";
        }

        if (ModernProtocol.IsCacheable(method) && result["resultType"]?.GetValue<string>() == "complete")
        {
            if (!result.ContainsKey("ttlMs"))
            {
                result["ttlMs"] = method == "resources/read" ? 0 : facts.AnnouncesChanges(method) ? ListTtlMs : 0;
            }

            if (!result.ContainsKey("cacheScope"))
            {
                result["cacheScope"] = privateScope || method == "resources/read" ? "private" : "public";
            }
        }

        if (facts.ServerInfo is { } info)
        {
            if (result["_meta"] is not JsonObject meta)
            {
                result["_meta"] = meta = new JsonObject();
            }

            if (!meta.ContainsKey(ModernProtocol.ServerInfoKey))
            {
                meta[ModernProtocol.ServerInfoKey] = info.DeepClone();
            }
        }
    }

    /// <summary>The answer to <c>server/discover</c>, from what the server said at its initialize.</summary>
    public static JsonObject Discover(ServerFacts facts, bool privateScope)
    {
        var result = new JsonObject
        {
            ["supportedVersions"] = new JsonArray([.. ModernProtocol.ServedVersions.Select(v => (JsonNode)v)]),
            ["capabilities"] = ModernCapabilities(facts.Capabilities),
        };
        if (facts.Instructions is { } instructions)
        {
            result["instructions"] = instructions;
        }

        CompleteResult(result, "server/discover", facts, privateScope);
        return result;
    }

    /// <summary>A 2025-era server's capabilities as 2026-07-28 names them: tasks (now an extension) are not offered.</summary>
    private static JsonObject ModernCapabilities(JsonObject? capabilities)
    {
        var modern = capabilities?.DeepClone() as JsonObject ?? new JsonObject();
        modern.Remove("tasks");
        return modern;
    }
}
