using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Toolshed.Proxy.Auth;
using Toolshed.Proxy.Authz;
using Toolshed.Proxy.Protocol;

namespace Toolshed.Proxy.Forwarding;

/// <summary>
/// Audits what a proxy forwards to an HTTP server on its own transport: the body of each POST is read (within the
/// proxy's request size limit) and handed to the forwarder again as it came, and each JSON-RPC request in it — one, or
/// each of a batch — gets an <see cref="McpCall"/> whose line is written when the server answers. Notifications and
/// responses get none, as on the bridge. Only request bodies are read; answers stream through untouched.
/// </summary>
internal sealed class ForwardedRequestAudit(McpCallGate gate, long maxBodyBytes)
{
    /// <summary>
    /// Reads the body of a POST and starts its calls (kept as the request's <see cref="ForwardedCalls"/> feature).
    /// False when the body is over the size limit: nothing was forwarded and the caller answers 413.
    /// </summary>
    public async Task<bool> BeginAsync(HttpContext http)
    {
        if (!HttpMethods.IsPost(http.Request.Method))
        {
            return true;
        }

        var body = await ReadBodyAsync(http.Request, http.RequestAborted);
        if (body is null)
        {
            return false;
        }

        http.Request.Body = new MemoryStream(body, writable: false);
        var calls = Begin(http.Features.Get<AuthenticatedCaller>(), body);
        if (calls.Count > 0)
        {
            http.Features.Set(new ForwardedCalls(calls));
        }

        return true;
    }

    private List<McpCall> Begin(AuthenticatedCaller? caller, byte[] body)
    {
        var calls = new List<McpCall>();
        var node = body.Length == 0 ? null : JsonRpc.TryParse(new ReadOnlySequence<byte>(body));

        // Every object of a batch counts, even beside items that are not messages: the server may still run them.
        IEnumerable<JsonNode?> messages = node is JsonArray batch ? batch : [node];
        foreach (var message in messages)
        {
            if (message is JsonObject request && gate.Begin(caller, request) is { } call)
            {
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
