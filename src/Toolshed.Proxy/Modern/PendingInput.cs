using System.Text.Json.Nodes;

namespace Toolshed.Proxy.Modern;

/// <summary>A request the server sent a modern client's call (sampling, elicitation, roots), waiting for the client's
/// input: the key the proxy gave it upstream, and what it asks.</summary>
internal sealed record PendingInput(JsonNode ServerKey, string Method, JsonObject Params);
