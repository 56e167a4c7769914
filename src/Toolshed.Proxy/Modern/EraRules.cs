using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Toolshed.Proxy.Protocol;

namespace Toolshed.Proxy.Modern;

/// <summary>
/// How /mcp tells the eras apart, per request, as 2026-07-28's compatibility rules say: the <c>MCP-Protocol-Version</c>
/// header decides when present (an explicit 2025-era version outranks stray modern <c>_meta</c> keys; one this endpoint
/// does not serve is refused with the list of those it does); without it, a request whose <c>_meta</c> names a protocol
/// version is a modern one missing its header, and anything else is 2025-era (as old clients, and every initialize,
/// send it). An initialize always opens a 2025-era session.
/// </summary>
internal static class EraRules
{
    public static ProtocolEra FromHeader(string header, out string? version)
    {
        version = header.Length == 0 ? null : header;
        if (version is null || McpProtocol.IsSupported(version))
        {
            return ProtocolEra.Legacy;
        }

        return ModernProtocol.IsModern(version) ? ProtocolEra.Modern : ProtocolEra.Unsupported;
    }

    public static ProtocolEra FromBody(ProtocolEra fromHeader, string? headerVersion, IReadOnlyList<JsonObject> messages)
    {
        if (messages.Any(m => m["method"] is JsonValue v && v.TryGetValue(out string? method) && method == "initialize"))
        {
            return ProtocolEra.Legacy;
        }

        if (headerVersion is null
            && messages.Any(m => m["id"] is not null && m["params"]?["_meta"]?[ModernProtocol.ProtocolVersionKey] is not null))
        {
            return ProtocolEra.ModernWithoutHeader;
        }

        return fromHeader;
    }

    /// <summary>HTTP 400 with UnsupportedProtocolVersion, naming what is served.</summary>
    public static Task WriteUnsupportedAsync(HttpResponse response, string requested, CancellationToken cancellationToken) =>
        ModernEndpoint.WriteErrorAsync(
            response,
            StatusCodes.Status400BadRequest,
            ModernProtocol.UnsupportedProtocolVersion,
            "Unsupported protocol version",
            new JsonObject
            {
                ["supported"] = new JsonArray([.. ModernProtocol.ServedVersions.Select(v => (JsonNode)v)]),
                ["requested"] = requested.Length > 64 ? requested[..64] : requested,
            },
            id: null,
            cancellationToken);
}
