using System.Text.Json.Nodes;
using Toolshed.Proxy.Modern;

namespace Toolshed.Proxy.Stdio;

/// <summary>A server that speaks only 2026-07-28: found by server/discover when it refuses initialize.</summary>
internal sealed partial class StdioMultiplexer
{
    /// <summary>
    /// Asks a server that refused initialize for <c>server/discover</c>. When it answers for 2026-07-28, returns what
    /// its initialize would have said (capabilities, identity, instructions) for the bridge's 2025 sessions; else null.
    /// </summary>
    private async Task<JsonObject?> DiscoverModernAsync(BackendAttachment backend)
    {
        var answer = await SendOwnRequestAsync(backend, "server/discover", new JsonObject
        {
            ["_meta"] = new JsonObject
            {
                [ModernProtocol.ProtocolVersionKey] = ModernProtocol.Version,
                [ModernProtocol.ClientCapabilitiesKey] = new JsonObject(),
                [ModernProtocol.ClientInfoKey] = new JsonObject { ["name"] = "toolshed-proxy", ["version"] = "0.1.0" },
            },
        });
        if (answer?["result"] is not JsonObject result || result["supportedVersions"] is not JsonArray versions
            || !versions.Any(v => v is JsonValue value && value.TryGetValue(out string? version) && ModernProtocol.IsModern(version)))
        {
            return null;
        }

        var initialize = new JsonObject
        {
            ["protocolVersion"] = ModernProtocol.Version,
            ["capabilities"] = result["capabilities"]?.DeepClone() ?? new JsonObject(),
            ["serverInfo"] = result["_meta"]?[ModernProtocol.ServerInfoKey]?.DeepClone() ?? new JsonObject { ["name"] = _workloadName, ["version"] = "0" },
        };
        if (result["instructions"] is { } instructions)
        {
            initialize["instructions"] = instructions.DeepClone();
        }

        return initialize;
    }
}
