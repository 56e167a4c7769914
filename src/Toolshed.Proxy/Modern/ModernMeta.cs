using System.Text.Json.Nodes;
using Toolshed.Proxy.Sessions;

namespace Toolshed.Proxy.Modern;

/// <summary>
/// The 2026-07-28 keys of a request's <c>_meta</c>, put in or taken out on the way to a server, whichever era it
/// speaks: a 2025 server gets requests without them; a server that speaks only 2026-07-28 gets every request with
/// them (a modern client's own, or, for a 2025 session, what the session's initialize declared).
/// </summary>
internal static class ModernMeta
{
    private static readonly string[] s_keys =
        [ModernProtocol.ProtocolVersionKey, ModernProtocol.ClientCapabilitiesKey, ModernProtocol.ClientInfoKey, ModernProtocol.LogLevelKey];

    /// <summary>Whether the request carries its own protocol version (it came from a 2026-07-28 client).</summary>
    public static bool IsModern(JsonObject request) =>
        request["params"]?["_meta"]?[ModernProtocol.ProtocolVersionKey] is not null;

    /// <summary>Takes the 2026-07-28 keys (and the retry's fields) out, for a 2025 server.</summary>
    public static void Strip(JsonObject request)
    {
        if (request["params"] is not JsonObject parameters || parameters["_meta"] is not JsonObject meta)
        {
            return;
        }

        foreach (var key in s_keys)
        {
            meta.Remove(key);
        }

        if (meta.Count == 0)
        {
            parameters.Remove("_meta");
        }
    }

    /// <summary>Writes what a 2025 session declared at its initialize into a request of it, for a 2026-only server.</summary>
    public static void AddFor(JsonObject request, McpSession session)
    {
        if (request["params"] is not JsonObject parameters)
        {
            request["params"] = parameters = new JsonObject();
        }

        if (parameters["_meta"] is not JsonObject meta)
        {
            parameters["_meta"] = meta = new JsonObject();
        }

        meta[ModernProtocol.ProtocolVersionKey] = ModernProtocol.Version;
        meta[ModernProtocol.ClientCapabilitiesKey] = session.ClientCapabilities?.DeepClone() ?? new JsonObject();
        if (session.ClientInfo is { } info)
        {
            meta[ModernProtocol.ClientInfoKey] = info.DeepClone();
        }

        if (session.LogLevel is { } level)
        {
            meta[ModernProtocol.LogLevelKey] = level;
        }
    }
}
