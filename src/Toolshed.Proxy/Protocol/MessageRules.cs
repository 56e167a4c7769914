using System.Text.Json;
using System.Text.Json.Nodes;

namespace Toolshed.Proxy.Protocol;

/// <summary>
/// The shape every message a client sends must have (JSON-RPC 2.0 as MCP narrows it): "jsonrpc" is "2.0"; an id is a
/// string or a number, null only on an error response; a method is a string; params, when present, an object (MCP
/// methods take no positional params); a response carries exactly one of result and error. A message that breaks
/// one is answered by the proxy, so no server sees it — servers tend to drop such messages without a word, leaving
/// their askers waiting.
/// </summary>
internal static class MessageRules
{
    /// <summary>How deep a client's message may nest.</summary>
    public const int MaxDepth = 64;

    /// <summary>Null when the message is well formed.</summary>
    public static RpcProblem? Check(JsonObject message)
    {
        var hasId = message.TryGetPropertyValue("id", out var id);
        var usableId = id?.GetValueKind() is JsonValueKind.String or JsonValueKind.Number ? id : null;
        if (!message.TryGetPropertyValue("jsonrpc", out var version) || version?.GetValueKind() != JsonValueKind.String
            || version.GetValue<string>() != "2.0")
        {
            return new RpcProblem(McpProtocol.InvalidRequest, "\"jsonrpc\" must be \"2.0\"", usableId);
        }

        if (hasId && usableId is null && !(id is null && IsErrorResponse(message)))
        {
            return new RpcProblem(McpProtocol.InvalidRequest, "\"id\" must be a string or a number");
        }

        if (message.TryGetPropertyValue("method", out var method))
        {
            if (method?.GetValueKind() != JsonValueKind.String)
            {
                return new RpcProblem(McpProtocol.InvalidRequest, "\"method\" must be a string", usableId);
            }

            if (!message.TryGetPropertyValue("params", out var parameters))
            {
                return null;
            }

            return parameters?.GetValueKind() switch
            {
                JsonValueKind.Object => null,
                JsonValueKind.Array => new RpcProblem(McpProtocol.InvalidParams, "MCP methods take \"params\" as an object, not an array", usableId),
                _ => new RpcProblem(McpProtocol.InvalidRequest, "\"params\" must be an object", usableId),
            };
        }

        var hasResult = message.ContainsKey("result");
        var hasError = message.ContainsKey("error");
        if (!hasId || hasResult == hasError)
        {
            return new RpcProblem(McpProtocol.InvalidRequest, "not a JSON-RPC request, notification or response", usableId);
        }

        return hasError && message["error"]?.GetValueKind() != JsonValueKind.Object
            ? new RpcProblem(McpProtocol.InvalidRequest, "\"error\" must be an object", usableId)
            : null;
    }

    private static bool IsErrorResponse(JsonObject message) =>
        !message.ContainsKey("method") && message["error"]?.GetValueKind() == JsonValueKind.Object && !message.ContainsKey("result");
}
