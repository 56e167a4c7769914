using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Toolshed.Proxy.Protocol;

namespace Toolshed.Proxy.Transports;

/// <summary>Reads a request body as one JSON-RPC message or batch, within the size limit.</summary>
internal static class JsonBody
{
    public static async Task<(BodyReadResult Result, JsonNode? Node)> ReadAsync(
        HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return (BodyReadResult.TooLarge, null);
        }

        var reader = request.BodyReader;
        while (true)
        {
            System.IO.Pipelines.ReadResult read;
            try
            {
                read = await reader.ReadAsync(cancellationToken);
            }
            catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                return (BodyReadResult.TooLarge, null);
            }

            var buffer = read.Buffer;
            if (buffer.Length > maxBytes)
            {
                reader.AdvanceTo(buffer.Start, buffer.End);
                return (BodyReadResult.TooLarge, null);
            }

            if (read.IsCompleted)
            {
                var node = JsonRpc.TryParse(buffer);
                reader.AdvanceTo(buffer.End);
                return node is null ? (BodyReadResult.NotJson, null) : (BodyReadResult.Ok, node);
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    /// <summary>The messages of a body: one object, or the objects of a batch; null when it is neither.</summary>
    public static List<JsonObject>? Messages(JsonNode node, out bool isBatch)
    {
        isBatch = node is JsonArray;
        if (node is JsonObject single)
        {
            return [single];
        }

        if (node is not JsonArray { Count: > 0 } batch)
        {
            return null;
        }

        var messages = new List<JsonObject>(batch.Count);
        foreach (var item in batch)
        {
            if (item is not JsonObject message)
            {
                return null;
            }

            messages.Add(message);
        }

        // Detach them so each can be edited (ids rewritten) and re-parented on its own.
        batch.Clear();
        return messages;
    }

    public static async Task WriteErrorAsync(HttpResponse response, int status, int code, string message, CancellationToken cancellationToken)
    {
        response.StatusCode = status;
        response.ContentType = "application/json";
        await response.Body.WriteAsync(JsonRpc.ToUtf8(JsonRpc.Error(null, code, message)), cancellationToken);
    }
}
