using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Toolshed.Proxy.Auth;
using Toolshed.Proxy.Authz;
using Toolshed.Proxy.Protocol;
using Toolshed.Proxy.Sessions;
using Toolshed.Proxy.Transports;

namespace Toolshed.Proxy.Modern;

/// <summary>
/// The 2026-07-28 side of /mcp: each POST one stateless request, checked (<see cref="ModernEnvelope"/>), then answered
/// here (server/discover, subscriptions/listen, the removed methods) or carried to the 2025-era handler on the
/// caller's stateless session and translated back (<see cref="ModernExchange"/>), multi round-trips included.
/// </summary>
internal sealed class ModernEndpoint(EndpointContext context, ModernTranslator translator)
{
    private static readonly TimeSpan s_streamAfter = TimeSpan.FromSeconds(1);

    public async Task PostAsync(HttpContext http, ClientBody body)
    {
        var response = http.Response;
        var cancellationToken = http.RequestAborted;
        if (body.IsBatch)
        {
            await WriteErrorAsync(response, StatusCodes.Status400BadRequest, McpProtocol.InvalidRequest, $"a {ModernProtocol.Version} request is sent alone: batches are not allowed", null, null, cancellationToken);
            return;
        }

        var message = body.Messages![0];
        switch (JsonRpc.Classify(message, out _, out _))
        {
            case MessageKind.Notification:
                // 2026-07-28 defines no client notification over HTTP (closing a stream is what cancels): nothing to do.
                response.StatusCode = StatusCodes.Status202Accepted;
                return;
            case MessageKind.Response:
                await WriteErrorAsync(response, StatusCodes.Status400BadRequest, McpProtocol.InvalidRequest, $"{ModernProtocol.Version} clients send no responses: answer input requests with inputResponses on a retry of the request", null, null, cancellationToken);
                return;
        }

        var id = message["id"];
        if (ModernEnvelope.Check(http.Request.Headers, message, out var request) is { } problem)
        {
            await WriteErrorAsync(response, problem.Status, problem.Code, problem.Message, problem.Data, id, cancellationToken);
            return;
        }

        if (ModernProtocol.RemovedMethod(request!.Method) is { } removed)
        {
            await WriteErrorAsync(response, StatusCodes.Status404NotFound, McpProtocol.MethodNotFound, "Method not found: " + removed, null, id, cancellationToken);
            return;
        }

        var accept = http.Request.Headers.Accept.ToString();
        var useSse = accept.Contains("text/event-stream", StringComparison.OrdinalIgnoreCase);
        if (!useSse && accept.Length > 0 && !accept.Contains("application/json", StringComparison.OrdinalIgnoreCase) && !accept.Contains("*/*", StringComparison.Ordinal))
        {
            await WriteErrorAsync(response, StatusCodes.Status406NotAcceptable, McpProtocol.InvalidRequest, "Accept application/json or text/event-stream", null, id, cancellationToken);
            return;
        }

        var caller = http.Features.Get<AuthenticatedCaller>();
        var call = context.Gate.IsActive ? context.Gate.Begin(caller, message, http) : null;
        if (call is not null)
        {
            call.Protocol = ModernProtocol.Version;
        }

        if (call is { IsDenied: true })
        {
            await DeniedAnswer.WriteAsync(response, [call], isBatch: false, stream: null, cancellationToken);
            return;
        }

        switch (request.Method)
        {
            case "server/discover":
                await DiscoverAsync(http, request, caller, call);
                break;
            case "subscriptions/listen":
                await ListenAsync(http, request, caller, call);
                break;
            default:
                if (request.Params["requestState"] is { } state && !UpstreamSpeaksModern)
                {
                    await ResumeAsync(http, request, caller, state, useSse);
                }
                else
                {
                    await ForwardAsync(http, request, caller, call, useSse);
                }

                break;
        }
    }

    private async Task DiscoverAsync(HttpContext http, ModernRequest request, AuthenticatedCaller? caller, McpCall? call)
    {
        var cancellationToken = http.RequestAborted;
        var session = await translator.Sessions.GetAsync(caller?.Subject, cancellationToken);
        var answer = await translator.RequestAsync(session, "initialize", StatelessSessions.InitializeParams(), cancellationToken);
        JsonObject reply;
        if (answer?["result"] is JsonObject result)
        {
            translator.Facts = ServerFacts.From(result);
            reply = JsonRpc.Result(request.Id, ModernResults.Discover(translator.Facts, translator.PrivateScope));
        }
        else
        {
            // Still a 200 with a JSON-RPC error: a probing client falls back on it rather than failing.
            reply = answer?["error"] is JsonObject error
                ? new JsonObject { ["jsonrpc"] = "2.0", ["id"] = request.Id.DeepClone(), ["error"] = error.DeepClone() }
                : JsonRpc.Error(request.Id, McpProtocol.ServerGone, "the MCP server did not answer");
        }

        call?.Complete(reply);
        await WriteJsonAsync(http.Response, StatusCodes.Status200OK, reply, cancellationToken);
    }

    private async Task ForwardAsync(HttpContext http, ModernRequest request, AuthenticatedCaller? caller, McpCall? call, bool useSse)
    {
        var cancellationToken = http.RequestAborted;
        var session = await translator.Sessions.GetAsync(caller?.Subject, cancellationToken);
        if (request.Method == "tools/call" && request.Target is { } tool)
        {
            var annotated = await translator.ToolHeaders.ForAsync(tool, cursor => ListToolsAsync(session, cursor, CancellationToken.None), cancellationToken);
            if (ModernEnvelope.CheckParamHeaders(http.Request.Headers, annotated, request.Params["arguments"] as JsonObject) is { } problem)
            {
                call?.Complete(JsonRpc.Error(request.Id, problem.Code, problem.Message));
                await WriteErrorAsync(http.Response, problem.Status, problem.Code, problem.Message, null, request.Id, cancellationToken);
                return;
            }
        }

        var internalId = translator.NextInternalId();
        var exchange = new ModernExchange(translator, session, request, internalId, caller?.Subject);
        var message = ForUpstream(request, internalId, UpstreamSpeaksModern);
        var sink = new ExchangeSink(1, acceptsRelated: useSse);
        exchange.Attach(sink);
        try
        {
            await context.Messages.HandleClientMessageAsync(session, message, exchange, call, cancellationToken);
            await WriteAnswerAsync(http.Response, sink, exchange, useSse, cancellationToken);
        }
        finally
        {
            exchange.Left(sink);
            sink.Abandon();
        }
    }

    private async Task ResumeAsync(HttpContext http, ModernRequest request, AuthenticatedCaller? caller, JsonNode state, bool useSse)
    {
        var cancellationToken = http.RequestAborted;
        var digest = RequestStateCodec.Digest(request.Method, request.Params);
        string? handle = null;
        var check = state is JsonValue v && v.TryGetValue(out string? text)
            ? translator.States.Verify(text, caller?.Subject, request.Method, digest, out handle)
            : RequestStateCheck.Invalid;
        var held = check == RequestStateCheck.Valid ? translator.Held.Find(handle!) : null;
        if (held is null)
        {
            var why = check is RequestStateCheck.Invalid or RequestStateCheck.Mismatch
                ? "requestState was not issued by this endpoint for this request and caller; send the request again without requestState and inputResponses"
                : $"requestState has expired (a call waits at most {translator.Held.Ttl.TotalMinutes:0} minutes for its input); send the request again without requestState and inputResponses";
            await WriteErrorAsync(http.Response, StatusCodes.Status400BadRequest, McpProtocol.InvalidParams, why, null, request.Id, cancellationToken);
            return;
        }

        var sink = new ExchangeSink(1, acceptsRelated: useSse);
        if (!held.Resume(request, sink, request.Params["inputResponses"] as JsonObject))
        {
            await WriteErrorAsync(http.Response, StatusCodes.Status200OK, McpProtocol.InvalidParams, "requestState was already used by another retry that is still running", null, request.Id, cancellationToken);
            return;
        }

        try
        {
            await WriteAnswerAsync(http.Response, sink, held, useSse, cancellationToken);
        }
        finally
        {
            held.Left(sink);
            sink.Abandon();
        }
    }

    private async Task ListenAsync(HttpContext http, ModernRequest request, AuthenticatedCaller? caller, McpCall? call)
    {
        var response = http.Response;
        var cancellationToken = http.RequestAborted;
        if (ListenFilter.Parse(request.Params["notifications"], out var problem) is not { } filter)
        {
            await WriteErrorAsync(response, StatusCodes.Status400BadRequest, McpProtocol.InvalidParams, problem!, null, request.Id, cancellationToken);
            return;
        }

        var session = await translator.Sessions.GetAsync(caller?.Subject, cancellationToken);
        var listener = new Listener(StatelessSessions.KeyOf(caller?.Subject), request.Id.DeepClone(), filter.AgreedBy(translator.Facts));
        if (!translator.Listeners.TryAdd(listener, out var subscribe))
        {
            await WriteErrorAsync(response, StatusCodes.Status200OK, McpProtocol.InternalError, $"too many subscriptions/listen streams are open on this endpoint (at most {ListenHub.MaxListeners})", null, request.Id, cancellationToken);
            return;
        }

        try
        {
            foreach (var uri in subscribe)
            {
                await translator.RequestAsync(session, "resources/subscribe", new JsonObject { ["uri"] = uri }, cancellationToken);
            }

            SseWriter.Prepare(response);
            var acknowledged = listener.Tagged(new JsonObject
            {
                ["jsonrpc"] = "2.0",
                ["method"] = "notifications/subscriptions/acknowledged",
                ["params"] = new JsonObject { ["notifications"] = listener.Filter.ToJson() },
            });
            SseWriter.WriteEvent(response.BodyWriter, "message", JsonRpc.ToUtf8(acknowledged));
            await response.BodyWriter.FlushAsync(cancellationToken);
            await SseWriter.PumpAsync(response, listener.Queue, context.Options.KeepAliveInterval, context.TimeProvider, cancellationToken);
            var closing = JsonRpc.Result(request.Id, new JsonObject
            {
                ["resultType"] = "complete",
                ["_meta"] = new JsonObject { [ModernProtocol.SubscriptionIdKey] = request.Id.DeepClone() },
            });
            call?.Complete(closing);
            if (!cancellationToken.IsCancellationRequested)
            {
                // The endpoint ends the stream (it stops): a closing answer says so, unlike a dropped connection.
                SseWriter.WriteEvent(response.BodyWriter, "message", JsonRpc.ToUtf8(closing));
                await response.BodyWriter.FlushAsync(CancellationToken.None);
            }
        }
        catch (OperationCanceledException)
        {
            // The client closed the stream: that is how a listen ends.
        }
        finally
        {
            foreach (var uri in translator.Listeners.Remove(listener))
            {
                _ = translator.RequestAsync(session, "resources/unsubscribe", new JsonObject { ["uri"] = uri }, CancellationToken.None);
            }
        }
    }

    private async Task<JsonObject?> ListToolsAsync(McpSession session, string? cursor, CancellationToken cancellationToken)
    {
        var parameters = cursor is null ? new JsonObject() : new JsonObject { ["cursor"] = cursor };
        var answer = await translator.RequestAsync(session, "tools/list", parameters, cancellationToken);
        return answer?["result"] as JsonObject;
    }

    /// <summary>Whether the server itself speaks 2026-07-28: its own multi round-trips then pass through as they are.</summary>
    private bool UpstreamSpeaksModern => context.Messages is IUpstreamEra { SpeaksModern: true };

    /// <summary>
    /// The request as it goes to the handler: under the proxy's id; its 2026-07-28 <c>_meta</c> kept (the bridge takes it
    /// out for a 2025 server, and a group's member proxies do for theirs); a retry's fields kept only for a server that
    /// issued them itself.
    /// </summary>
    private static JsonObject ForUpstream(ModernRequest request, string internalId, bool upstreamSpeaksModern)
    {
        var message = request.Message;
        message["id"] = internalId;
        if (!upstreamSpeaksModern)
        {
            request.Params.Remove("inputResponses");
            request.Params.Remove("requestState");
        }

        return message;
    }

    /// <summary>
    /// Writes the answer of one modern request. An answer that comes alone and soon (within <see cref="s_streamAfter"/>)
    /// goes as JSON with its own status (a method the server lacks is 404, as 2026-07-28 requires); one with
    /// progress or log messages before it, or a slow one, streams as SSE when the client accepts it.
    /// </summary>
    private async Task WriteAnswerAsync(HttpResponse response, ExchangeSink sink, ModernExchange exchange, bool useSse, CancellationToken cancellationToken)
    {
        var taken = new List<ReadOnlyMemory<byte>>(1);
        using var leaving = cancellationToken.UnsafeRegister(static state => ((ExchangeSink)state!).Abandon(), sink);
        // Started only when the answer is not there at once (most are): a timer per request costs more than the wait.
        ITimer? streamAfter = null;
        try
        {
            while (true)
            {
                var finished = sink.Take(ref taken, out var due);
                if (finished && taken.Count <= 1)
                {
                    break;
                }

                if (useSse && (taken.Count > 0 || due))
                {
                    await StreamAsync(response, sink, taken, finished, cancellationToken);
                    return;
                }

                cancellationToken.ThrowIfCancellationRequested();
                streamAfter ??= useSse
                    ? context.TimeProvider.CreateTimer(static state => ((ExchangeSink)state!).KeepAliveDue(), sink, s_streamAfter, Timeout.InfiniteTimeSpan)
                    : null;
                await sink.WaitAsync();
            }
        }
        finally
        {
            streamAfter?.Dispose();
        }

        if (taken.Count == 0)
        {
            return;
        }

        response.StatusCode = exchange.AnswerErrorCode == McpProtocol.MethodNotFound ? StatusCodes.Status404NotFound : StatusCodes.Status200OK;
        response.ContentType = "application/json";
        response.ContentLength = taken[0].Length;
        await response.Body.WriteAsync(taken[0], cancellationToken);
    }

    /// <summary>Answers as SSE: what arrived so far, then the rest as it comes.</summary>
    private async Task StreamAsync(
        HttpResponse response, ExchangeSink sink, List<ReadOnlyMemory<byte>> taken, bool finished, CancellationToken cancellationToken)
    {
        SseWriter.Prepare(response);
        foreach (var message in taken)
        {
            SseWriter.WriteEvent(response.BodyWriter, "message", message.Span);
        }

        if (finished)
        {
            return;
        }

        await response.BodyWriter.FlushAsync(cancellationToken);
        await ExchangeAnswer.WriteEventsAsync(response, sink, context.Options.KeepAliveInterval, context.TimeProvider, cancellationToken, prepared: true);
    }

    private static Task WriteJsonAsync(HttpResponse response, int status, JsonObject message, CancellationToken cancellationToken)
    {
        response.StatusCode = status;
        response.ContentType = "application/json";
        return response.Body.WriteAsync(JsonRpc.ToUtf8(message), cancellationToken).AsTask();
    }

    public static Task WriteErrorAsync(
        HttpResponse response, int status, int code, string message, JsonNode? data, JsonNode? id, CancellationToken cancellationToken)
    {
        var error = JsonRpc.Error(id, code, message);
        if (data is not null)
        {
            ((JsonObject)error["error"]!)["data"] = data.DeepClone();
        }

        return WriteJsonAsync(response, status, error, cancellationToken);
    }
}
