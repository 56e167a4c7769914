using System.Text.Json.Nodes;

namespace Toolshed.Proxy.Modern;

/// <summary>
/// One 2026-07-28 request whose headers and <c>_meta</c> passed <see cref="ModernEnvelope.Check"/>: what the client
/// declared on it, read once.
/// </summary>
internal sealed record ModernRequest(
    JsonObject Message,
    JsonNode Id,
    string Method,
    JsonObject Params,
    JsonObject Capabilities,
    JsonObject? ClientInfo,
    int? LogLevel)
{
    /// <summary>Whether the client declared <paramref name="capability"/> (sampling, elicitation, roots …) on this request.</summary>
    public bool Declares(string capability) => Capabilities[capability] is JsonObject;

    /// <summary>The name or URI the request is about (tools/call, prompts/get, resources/read).</summary>
    public string? Target => ModernProtocol.NamedBy(Method) is { } key && Params[key] is JsonValue v && v.TryGetValue(out string? s) ? s : null;
}
