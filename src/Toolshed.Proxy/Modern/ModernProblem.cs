using System.Text.Json.Nodes;

namespace Toolshed.Proxy.Modern;

/// <summary>Why a modern request is refused before it is served: the HTTP status, the JSON-RPC error and its data.</summary>
internal sealed record ModernProblem(int Status, int Code, string Message, JsonNode? Data = null);
