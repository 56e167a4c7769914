using System.Text.Json.Nodes;
using Toolshed.Proxy.Authz;
using Toolshed.Proxy.Protocol;
using Toolshed.Proxy.Sessions;
using Toolshed.Proxy.Telemetry;

namespace Toolshed.Proxy.Stdio;

/// <summary>What clients send: requests get proxy ids, the server's initialize is shared, answers go back to the server.</summary>
internal sealed partial class StdioMultiplexer
{
    /// <summary>
    /// Handles one message from a client. A request always ends with exactly one response written to
    /// <paramref name="sink"/>, an error one when the server cannot be reached. <paramref name="call"/>, when the
    /// proxy authorizes or audits, sees that response first.
    /// </summary>
    public async ValueTask HandleClientMessageAsync(
        McpSession session, JsonObject message, MessageSink sink, McpCall? call, CancellationToken cancellationToken)
    {
        ProxyLog.ClientMessageTrace(_logger, _workloadName, session.Id[..8], message["method"]?.ToString() ?? "(response)");

        switch (JsonRpc.Classify(message, out var method, out var id))
        {
            case MessageKind.Request when method == "initialize":
                await InitializeClientAsync(session, message, id!, sink, call, cancellationToken);
                break;
            case MessageKind.Request when method == "ping":
                sink.WriteResponse(Answer(call, JsonRpc.Result(id, new JsonObject())));
                break;
            case MessageKind.Request when method == "logging/setLevel" && SpeaksModern && !Modern.ModernMeta.IsModern(message):
                // A 2026-only server takes the level on each request: the session's later requests carry it.
                session.LogLevel = message["params"]?["level"]?.ToString();
                sink.WriteResponse(Answer(call, JsonRpc.Result(id, new JsonObject())));
                break;
            case MessageKind.Request when method is "resources/subscribe" or "resources/unsubscribe" && SpeaksModern && !Modern.ModernMeta.IsModern(message):
                sink.WriteResponse(Answer(call, JsonRpc.Error(id, McpProtocol.MethodNotFound,
                    $"{method}: the server speaks only 2026-07-28, whose subscriptions/listen only 2026-07-28 clients can open")));
                break;
            case MessageKind.Request when call is { IsUnknownTool: true }:
                sink.WriteResponse(Answer(call, call.UnknownToolError()));
                break;
            case MessageKind.Request:
                await ForwardRequestAsync(session, message, method!, id!, sink, call, cancellationToken);
                break;
            case MessageKind.Notification:
                await ForwardNotificationAsync(session, message, method!, cancellationToken);
                break;
            case MessageKind.Response:
                await ForwardResponseAsync(message, id!);
                break;
            default:
                break;
        }
    }

    /// <summary>Lets the call see (and filter) an answer, then serializes it.</summary>
    private static byte[] Answer(McpCall? call, JsonObject answer)
    {
        call?.Complete(answer);
        return JsonRpc.ToUtf8(answer);
    }

    private const int MaxRefusalMessageChars = 1024;

    /// <summary>
    /// An initialize error the server itself gave (not a lost connection, not the proxy's own timeout), reduced to
    /// what callers are told: its code, its message (at most 1 KiB, no control characters) and the HTTP status of a
    /// refusal. Null for anything else, malformed errors included.
    /// </summary>
    private static JsonObject? RefusalOf(JsonNode? node)
    {
        if (node is not JsonObject error || error["code"] is not JsonValue codeValue || !codeValue.TryGetValue(out int code)
            || error["message"] is not JsonValue messageValue || !messageValue.TryGetValue(out string? message))
        {
            return null;
        }

        var status = error["data"] is JsonObject data && data[McpProtocol.RefusedStatusKey] is JsonValue s && s.TryGetValue(out int value)
            ? value
            : (int?)null;
        if ((code == McpProtocol.ServerGone && status is null) || code == McpProtocol.RequestTimedOut)
        {
            return null;
        }

        var text = new string([.. message.Take(MaxRefusalMessageChars).Select(c => char.IsControl(c) ? ' ' : c)]);
        var refusal = new JsonObject { ["code"] = code, ["message"] = text };
        if (status is { } httpStatus)
        {
            refusal["data"] = new JsonObject { [McpProtocol.RefusedStatusKey] = httpStatus };
        }

        return refusal;
    }

    /// <summary>What a request gets when no server is ready for it: the error its initialize was refused with, if it was.</summary>
    private JsonObject NotReady(JsonNode id)
    {
        if (LiveBackend?.InitializeRefusal is not { } refusal)
        {
            return JsonRpc.Error(id, McpProtocol.ServerGone, "the MCP server is not running");
        }

        return new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id.DeepClone(), ["error"] = refusal.DeepClone() };
    }

    private BackendAttachment? LiveBackend => Volatile.Read(ref _backend) is { IsAlive: true } backend ? backend : null;

    private async ValueTask InitializeClientAsync(
        McpSession session, JsonObject message, JsonNode id, MessageSink sink, McpCall? call, CancellationToken cancellationToken)
    {
        var requested = message["params"]?["protocolVersion"] is JsonValue v && v.TryGetValue(out string? s) ? s : null;
        var result = (await ReadyBackendAsync(cancellationToken))?.Result;
        if (result is null)
        {
            sink.WriteResponse(Answer(call, NotReady(id)));
            return;
        }

        var version = McpProtocol.Negotiate(requested);
        session.ProtocolVersion = version;
        session.ClientCapabilities = message["params"]?["capabilities"]?.DeepClone() as JsonObject;
        session.ClientInfo = message["params"]?["clientInfo"]?.DeepClone() as JsonObject;
        var answer = new JsonObject
        {
            ["protocolVersion"] = version,
            ["capabilities"] = result["capabilities"]?.DeepClone() ?? new JsonObject(),
            ["serverInfo"] = result["serverInfo"]?.DeepClone() ?? new JsonObject { ["name"] = _workloadName, ["version"] = "0" },
        };
        if (result["instructions"] is { } instructions)
        {
            answer["instructions"] = instructions.DeepClone();
        }

        sink.WriteResponse(Answer(call, JsonRpc.Result(id, answer)));
    }

    private async ValueTask<JsonObject?> EnsureInitializedAsync(BackendAttachment backend, CancellationToken cancellationToken)
    {
        Task<JsonObject?> initialization;
        lock (_gate)
        {
            if (backend.Initialization is not { } existing || existing.IsFaulted || (existing.IsCompletedSuccessfully && existing.Result is null))
            {
                existing = InitializeServerAsync(backend);
                backend.Initialization = existing;
            }

            initialization = existing;
        }

        return initialization.IsCompletedSuccessfully
            ? initialization.Result
            : await initialization.WaitAsync(cancellationToken);
    }

    private async Task<JsonObject?> InitializeServerAsync(BackendAttachment backend)
    {
        var answer = await SendOwnRequestAsync(backend, "initialize", new JsonObject
        {
            ["protocolVersion"] = McpProtocol.Latest,
            // The proxy speaks for its clients, so it offers what clients may offer; a client that lacks one
            // answers the server's request with an error of its own.
            ["capabilities"] = new JsonObject
            {
                ["sampling"] = new JsonObject(),
                ["elicitation"] = new JsonObject(),
                ["roots"] = new JsonObject { ["listChanged"] = true },
            },
            ["clientInfo"] = new JsonObject { ["name"] = "toolshed-proxy", ["version"] = "0.1.0" },
        });
        if (answer is null)
        {
            return null;
        }

        if (answer["result"] is not JsonObject result)
        {
            if (answer["error"] is JsonObject && await DiscoverModernAsync(backend) is { } modern)
            {
                backend.SpeaksModern = true;
                backend.InitializeRefusal = null;
                ProxyLog.ServerInitialized(_logger, _workloadName, Modern.ModernProtocol.Version);
                return modern;
            }

            backend.InitializeRefusal = RefusalOf(answer["error"]);
            ProxyLog.ServerInitializeFailed(_logger, _workloadName);
            return null;
        }

        backend.InitializeRefusal = null;

        await backend.WriteAsync(new JsonObject { ["jsonrpc"] = "2.0", ["method"] = "notifications/initialized" });
        ProxyLog.ServerInitialized(_logger, _workloadName, result["protocolVersion"]?.ToString() ?? "?");
        return result;
    }

    /// <summary>Sends a request of the proxy's own (under the request deadline); its answer, or null when it could not be
    /// written.</summary>
    private async Task<JsonObject?> SendOwnRequestAsync(BackendAttachment backend, string method, JsonObject parameters)
    {
        var proxyId = _requests.NextId();
        var response = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        _requests.Add(proxyId, new PendingRequest(backend, null, null, null) { Internal = response, Deadline = StartDeadline(proxyId) });
        var request = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = proxyId, ["method"] = method, ["params"] = parameters };
        if (!backend.IsAlive || !await backend.WriteAsync(request, proxyId))
        {
            _requests.TryTake(proxyId, out _);
            return null;
        }

        return await response.Task.ConfigureAwait(false);
    }

    private async ValueTask ForwardRequestAsync(
        McpSession session, JsonObject message, string method, JsonNode id, MessageSink sink, McpCall? call, CancellationToken cancellationToken)
    {
        if (await ReadyBackendAsync(cancellationToken) is not var (backend, _))
        {
            sink.WriteResponse(Answer(call, NotReady(id)));
            return;
        }

        if (backend.SpeaksModern)
        {
            if (!Modern.ModernMeta.IsModern(message))
            {
                Modern.ModernMeta.AddFor(message, session);
            }
        }
        else
        {
            Modern.ModernMeta.Strip(message);
        }

        var proxyId = _requests.NextId();
        var pending = new PendingRequest(backend, session, id.DeepClone(), sink)
        {
            ClientIdKey = JsonRpc.IdKey(id), Call = call, Deadline = StartDeadline(proxyId),
        };
        if (message["params"] is JsonObject { } parameters && parameters["_meta"] is JsonObject meta
            && meta["progressToken"] is { } token)
        {
            var proxyToken = RequestTable.ProgressTokenFor(proxyId);
            pending.ClientProgressToken = token.DeepClone();
            pending.ProxyProgressToken = proxyToken;
            meta["progressToken"] = proxyToken;
        }

        _router.OnClientRequest(session, method, message["params"] as JsonObject);
        session.ClientIds[pending.ClientIdKey] = proxyId;
        session.RequestStarted();
        message["id"] = proxyId;
        pending.Upstream = Telemetry?.StartClient(message, method, proxyId, call?.TraceContext ?? default, Peer);
        _requests.Add(proxyId, pending);

        if ((!await backend.WriteAsync(message, proxyId) || !backend.IsAlive) && _requests.TryTake(proxyId, out _))
        {
            pending.Upstream?.Finish(OperationOutcome.ServerExited, null);
            sink.WriteResponse(Answer(call, JsonRpc.Error(pending.ClientId, McpProtocol.ServerGone, "the MCP server exited")));
        }
    }

    private async ValueTask ForwardNotificationAsync(
        McpSession session, JsonObject message, string method, CancellationToken cancellationToken)
    {
        if (method == "notifications/initialized")
        {
            return; // The server was initialized once, by the proxy.
        }

        if (method == "notifications/cancelled")
        {
            if (message["params"] is not JsonObject parameters || parameters["requestId"] is not { } requestId
                || !session.ClientIds.TryGetValue(JsonRpc.IdKey(requestId), out var proxyId))
            {
                return;
            }

            parameters["requestId"] = proxyId;
        }

        if (LiveBackend is { } backend && await EnsureInitializedAsync(backend, cancellationToken) is not null)
        {
            await backend.WriteAsync(message);
        }
    }

    private async ValueTask ForwardResponseAsync(JsonObject message, JsonNode id)
    {
        if (id is JsonValue value && value.TryGetValue(out string? key)
            && _requests.TryTakeServerRequest(key, out var request) && request.Backend.IsAlive)
        {
            message["id"] = request.ServerId.DeepClone();
            await request.Backend.WriteAsync(message);
        }
    }
}
