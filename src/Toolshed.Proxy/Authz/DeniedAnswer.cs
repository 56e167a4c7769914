using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Toolshed.Proxy.Protocol;
using Toolshed.Proxy.Sessions;

namespace Toolshed.Proxy.Authz;

/// <summary>Answers a POST with a denied request in it: HTTP 403 carrying the JSON-RPC error(s); nothing is forwarded.</summary>
internal static class DeniedAnswer
{
    public static bool AnyDenied(McpCall?[]? calls) => calls is not null && Array.Exists(calls, c => c is { IsDenied: true });

    /// <summary>Writes the 403; <paramref name="stream"/>, when given (legacy SSE), also gets each error so the client's request completes.</summary>
    public static async Task WriteAsync(HttpResponse response, McpCall?[] calls, bool isBatch, MessageSink? stream, CancellationToken cancellationToken)
    {
        var errors = new JsonArray();
        foreach (var call in calls)
        {
            if (call is null)
            {
                continue;
            }

            var error = call.IsDenied ? call.DeniedError() : call.NotProcessedError();
            call.CompleteDenied(call.IsDenied);
            stream?.WriteResponse(JsonRpc.ToUtf8(error));
            errors.Add(error);
        }

        response.StatusCode = StatusCodes.Status403Forbidden;
        response.ContentType = "application/json";
        JsonNode body = !isBatch && errors.Count == 1 ? errors[0]!.DeepClone() : errors;
        await response.Body.WriteAsync(JsonRpc.ToUtf8(body), cancellationToken);
    }
}
