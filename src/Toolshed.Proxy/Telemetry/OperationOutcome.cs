using System.Globalization;
using System.Text.Json.Nodes;

namespace Toolshed.Proxy.Telemetry;

/// <summary>
/// How an MCP operation ended, as the conventions record it: <c>error.type</c> is the JSON-RPC error code as a string,
/// <c>tool_error</c> for a tool result with <c>isError</c>, <c>timeout</c> when no answer came in time, or an HTTP
/// status for a forwarded request the server refused; <c>rpc.response.status_code</c> is the JSON-RPC code.
/// </summary>
internal readonly record struct OperationOutcome(string? ErrorType, int? Code, string? Message)
{
    public static OperationOutcome Success => default;

    public bool Failed => ErrorType is not null;

    public static OperationOutcome Of(JsonObject answer)
    {
        if (answer["error"] is JsonObject error)
        {
            var code = error["code"] is JsonValue c && c.TryGetValue(out int value) ? value : (int?)null;
            var message = error["message"] is JsonValue m && m.TryGetValue(out string? text) ? text : null;
            return new(code?.ToString(CultureInfo.InvariantCulture) ?? McpSemanticConventions.Other, code, message);
        }

        return answer["result"] is JsonObject result && result["isError"] is JsonValue isError
            && isError.TryGetValue(out bool failed) && failed
            ? new(McpSemanticConventions.ToolError, null, null)
            : Success;
    }

    public static OperationOutcome OfCode(int code, string? message) => new(code.ToString(CultureInfo.InvariantCulture), code, message);

    public static OperationOutcome OfHttpStatus(int? status) => status is >= 200 and < 300
        ? Success
        : new(status?.ToString(CultureInfo.InvariantCulture) ?? McpSemanticConventions.Other, null, status is null ? "the server could not be reached" : null);

    /// <summary>The server went away (its process exited, its connection was lost) before it answered.</summary>
    public static OperationOutcome ServerExited { get; } = new("server_exited", null, "the MCP server exited");

    /// <summary>The caller gave up on the request (it cancelled, or the endpoint stopped) before an answer came.</summary>
    public static OperationOutcome Cancelled { get; } = new("cancelled", null, "the request was cancelled");

    public static OperationOutcome TimedOut(string message) => new(McpSemanticConventions.Timeout, null, message);
}
