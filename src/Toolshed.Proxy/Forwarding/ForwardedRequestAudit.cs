using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Toolshed.Proxy.Auth;
using Toolshed.Proxy.Authz;
using Toolshed.Proxy.Protocol;
using Toolshed.Proxy.Transports;

namespace Toolshed.Proxy.Forwarding;

/// <summary>
/// Audits what a proxy forwards to an HTTP server on its own transport: the body of each POST is read (within the
/// proxy's request size limit) and handed to the forwarder again as it came, and each JSON-RPC request in it — one, or
/// each of a batch, held to the same rules as on the proxy's own endpoints — gets an <see cref="McpCall"/> whose line is written when the server answers. Notifications and
/// responses get none, as on the bridge. Only request bodies are read; answers stream through untouched.
/// </summary>
internal sealed class ForwardedRequestAudit(McpCallGate gate, long maxBodyBytes)
{
    /// <summary>
    /// Reads the body of a POST and starts its calls (kept as the request's <see cref="ForwardedCalls"/> feature).
    /// Returns why not when the body is not JSON-RPC as <see cref="JsonBody"/> reads it (over the size limit, another
    /// content type, not strict JSON, a message of the wrong shape): nothing was forwarded and the caller answers that.
    /// </summary>
    public async Task<ClientBody?> BeginAsync(HttpContext http)
    {
        if (!HttpMethods.IsPost(http.Request.Method))
        {
            return null;
        }

        if (!JsonContentType.IsAccepted(http.Request.ContentType))
        {
            return ClientBody.Rejected(
                StatusCodes.Status415UnsupportedMediaType, McpProtocol.InvalidRequest, "Content-Type must be application/json (UTF-8)");
        }

        var body = await ReadBodyAsync(http.Request, http.RequestAborted);
        if (body is null)
        {
            return ClientBody.Rejected(StatusCodes.Status413PayloadTooLarge, McpProtocol.InvalidRequest, "request body too large");
        }

        if (StrictJson.TryParse(body, MessageRules.MaxDepth) is not { } node)
        {
            return ClientBody.Rejected(
                StatusCodes.Status400BadRequest, McpProtocol.ParseError, "body is not one JSON value in UTF-8 (without duplicate keys)");
        }

        if (JsonBody.Messages(node, out var isBatch) is not { } messages)
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

        http.Request.Body = new MemoryStream(body, writable: false);
        var header = http.Request.Headers[McpProtocol.ProtocolVersionHeader].ToString();
        var calls = Begin(http, messages, header.Length > 0 ? header : McpProtocol.DefaultHttpVersion);
        if (calls.Count > 0)
        {
            http.Features.Set(new ForwardedCalls(calls));
        }

        return null;
    }

    private List<McpCall> Begin(HttpContext http, List<JsonObject> messages, string protocol)
    {
        var calls = new List<McpCall>();
        var session = http.Request.Headers[McpProtocol.SessionIdHeader].ToString();
        foreach (var message in messages)
        {
            if (gate.Begin(http.Features.Get<AuthenticatedCaller>(), message, http) is { } call)
            {
                call.SessionId = session.Length is > 0 and <= 256 ? session : null;
                call.Protocol = message["method"]?.ToString() == "initialize"
                    ? McpProtocol.Negotiate(message["params"]?["protocolVersion"]?.ToString())
                    : protocol;
                calls.Add(call);
            }
        }

        return calls;
    }

    private async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBodyBytes)
        {
            return null;
        }

        var reader = request.BodyReader;
        while (true)
        {
            ReadResult read;
            try
            {
                read = await reader.ReadAsync(cancellationToken);
            }
            catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                return null;
            }

            var buffer = read.Buffer;
            if (buffer.Length > maxBodyBytes)
            {
                reader.AdvanceTo(buffer.Start, buffer.End);
                return null;
            }

            if (read.IsCompleted)
            {
                var body = buffer.ToArray();
                reader.AdvanceTo(buffer.End);
                return body;
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }
}
