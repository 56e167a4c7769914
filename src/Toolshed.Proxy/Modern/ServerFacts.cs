using System.Text.Json.Nodes;

namespace Toolshed.Proxy.Modern;

/// <summary>What the upstream said of itself at its (2025-era) initialize: enough to answer <c>server/discover</c>
/// and to complete results.</summary>
internal sealed record ServerFacts(JsonObject? Capabilities, JsonObject? ServerInfo, string? Instructions, string? ProtocolVersion)
{
    public static readonly ServerFacts Unknown = new(null, null, null, null);

    public static ServerFacts From(JsonObject initializeResult) => new(
        initializeResult["capabilities"] as JsonObject,
        initializeResult["serverInfo"] as JsonObject,
        initializeResult["instructions"] is JsonValue v && v.TryGetValue(out string? s) ? s : null,
        initializeResult["protocolVersion"] is JsonValue p && p.TryGetValue(out string? version) ? version : null);

    /// <summary>Whether the server sends list_changed for the list <paramref name="method"/> returns.</summary>
    public bool AnnouncesChanges(string method) => method switch
    {
        "tools/list" => Capabilities?["tools"]?["listChanged"] is JsonValue v && v.TryGetValue(out bool b) && b,
        "prompts/list" => Capabilities?["prompts"]?["listChanged"] is JsonValue v && v.TryGetValue(out bool b) && b,
        "resources/list" or "resources/templates/list" => Capabilities?["resources"]?["listChanged"] is JsonValue v && v.TryGetValue(out bool b) && b,
        _ => false,
    };

    public bool Offers(string kind) => Capabilities?[kind] is JsonObject;

    public bool OffersResourceSubscriptions => Capabilities?["resources"]?["subscribe"] is JsonValue v && v.TryGetValue(out bool b) && b;
}
