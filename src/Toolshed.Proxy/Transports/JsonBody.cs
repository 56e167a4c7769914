using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Toolshed.Proxy.Protocol;

namespace Toolshed.Proxy.Transports;

/// <summary>Reads a request body as one JSON-RPC message or batch, within the size limit, and checks its shape.</summary>
internal static class JsonBody
{
    /// <summary>
    /// The messages of a POST. A body that is not JSON (or not UTF-8, or has trailing bytes, duplicate keys, or nests
    /// deeper than <see cref="MessageRules.MaxDepth"/>) is a parse error; a message of the wrong shape an invalid
    /// request or invalid params; both 400. A content type other than JSON in UTF-8 is 415, a body over the limit 413.
    /// </summary>
    public static async Task<ClientBody> ReadMessagesAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        if (!JsonContentType.IsAccepted(request.ContentType))
        {
            return ClientBody.Rejected(
                StatusCodes.Status415UnsupportedMediaType, McpProtocol.InvalidRequest, "Content-Type must be application/json (UTF-8)");
        }

        var (read, node) = await ReadAsync(request, maxBytes, cancellationToken);
        switch (read)
        {
            case BodyReadResult.TooLarge:
                return ClientBody.Rejected(StatusCodes.Status413PayloadTooLarge, McpProtocol.InvalidRequest, "request body too large");
            case BodyReadResult.NotJson:
                return ClientBody.Rejected(
                    StatusCodes.Status400BadRequest, McpProtocol.ParseError, "body is not one JSON value in UTF-8 (without duplicate keys)");
        }

        var messages = Messages(node!, out var isBatch);
        if (messages is null)
        {
            return ClientBody.Rejected(StatusCodes.Status400BadRequest, McpProtocol.InvalidRequest, "body is not a JSON-RPC message or batch");
        }

        foreach (var message in messages)
        {
            if (MessageRules.Check(message) is { } problem)
            {
                return new ClientBody(null, isBatch, StatusCodes.Status400BadRequest, problem);
            }
        }

        return new ClientBody(messages, isBatch);
    }

    /// <summary>Reads the whole body and parses it strictly, with a client's depth limit.</summary>
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
                var node = StrictJson.TryParse(buffer, MessageRules.MaxDepth);
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

    public static Task WriteRejectionAsync(HttpResponse response, ClientBody body, CancellationToken cancellationToken) =>
        WriteErrorAsync(response, body.Status, body.Problem!.Code, body.Problem.Message, cancellationToken, body.Problem.Id);

    public static async Task WriteErrorAsync(
        HttpResponse response, int status, int code, string message, CancellationToken cancellationToken, JsonNode? id = null)
    {
        response.StatusCode = status;
        response.ContentType = "application/json";
        if (status == StatusCodes.Status413PayloadTooLarge)
        {
            // Kestrel drops the connection rather than drain a body past its limit; say so, or the client's next
            // request on it fails with the response ended prematurely.
            response.Headers.Connection = "close";
        }

        await response.Body.WriteAsync(JsonRpc.ToUtf8(JsonRpc.Error(id, code, message)), cancellationToken);
    }
}
