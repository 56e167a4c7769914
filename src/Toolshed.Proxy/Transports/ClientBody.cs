using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Toolshed.Proxy.Protocol;

namespace Toolshed.Proxy.Transports;

/// <summary>
/// The JSON-RPC messages of one POST, or why there are none: the HTTP status and the JSON-RPC error to answer with.
/// </summary>
internal sealed record ClientBody(List<JsonObject>? Messages, bool IsBatch, int Status = StatusCodes.Status200OK, RpcProblem? Problem = null)
{
    public static ClientBody Rejected(int status, int code, string message, JsonNode? id = null) =>
        new(null, false, status, new RpcProblem(code, message, id));
}
