using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Toolshed.Proxy.Authz;
using Toolshed.Proxy.Protocol;
using Toolshed.Proxy.Sessions;
using Toolshed.Proxy.Telemetry;

namespace Toolshed.Proxy.Groups;

/// <summary>What the client sends a group: answered here (initialize, ping, the lists) or routed to the one member
/// that has the tool, prompt or resource, under the name it has there.</summary>
internal sealed partial class GroupClientSession
{
    private const int ResourceNotFound = -32002;
    private const int RequestCancelled = -32800;

    private readonly ConcurrentDictionary<string, InFlightRequest> _inFlight = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, MessageSink> _progress = new(StringComparer.Ordinal);
    private volatile string? _logLevel;

    /// <summary>Handles one client message; a request is answered on <paramref name="sink"/> exactly once, maybe later.</summary>
    public ValueTask HandleAsync(JsonObject message, MessageSink sink, McpCall? call)
    {
        switch (JsonRpc.Classify(message, out var method, out var id))
        {
            case MessageKind.Request when method == "initialize":
                // Answered before this returns: the transport reads the answer right after.
                return new ValueTask(AnswerAsync(message, method, id!, sink, call));
            case MessageKind.Request:
                _ = AnswerAsync(message, method!, id!, sink, call);
                return ValueTask.CompletedTask;
            case MessageKind.Notification:
                return OnClientNotificationAsync(method!, message["params"] as JsonObject);
            case MessageKind.Response:
                return new ValueTask(OnClientResponseAsync(message, id!));
            default:
                return ValueTask.CompletedTask;
        }
    }

    /// <summary>Never throws: every failure becomes the request's JSON-RPC error.</summary>
    private async Task AnswerAsync(JsonObject message, string method, JsonNode id, MessageSink sink, McpCall? call)
    {
        JsonObject? answer;
        try
        {
            answer = await RouteAsync(message, method, id, sink, call);
        }
        catch (MemberUnavailableException ex)
        {
            answer = JsonRpc.Error(id, McpProtocol.ServerGone, ex.Message);
        }
        catch (ObjectDisposedException)
        {
            answer = JsonRpc.Error(id, McpProtocol.ServerGone, $"the session with group '{_group.Name}' ended");
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            GroupLog.RequestFailed(_group.Logger, _group.Name, method, ex);
            answer = JsonRpc.Error(id, McpProtocol.InternalError, "the group could not handle the request");
        }

        if (answer is not null)
        {
            call?.Complete(answer);
            sink.WriteResponse(answer);
        }
    }

    /// <summary>The answer, or null when it was already written (a list served from its serialized form).</summary>
    private async Task<JsonObject?> RouteAsync(JsonObject message, string method, JsonNode id, MessageSink sink, McpCall? call)
    {
        var parameters = message["params"] as JsonObject;
        switch (method)
        {
            case "initialize":
                return Initialize(id, parameters);
            case "ping":
                return JsonRpc.Result(id, new JsonObject());
            case "tools/list" when _group.State.Optimizer:
                return JsonRpc.Result(id, new JsonObject { ["tools"] = Optimizer.OptimizerTools.List(_group.Name) });
            case "tools/call" when _group.State.Optimizer:
                return await OptimizerCallAsync(id, ToolName(parameters), parameters, sink, call);
            case "tools/list":
                return await ListAsync(CatalogKind.Tools, id, sink, call);
            case "prompts/list":
                return await ListAsync(CatalogKind.Prompts, id, sink, call);
            case "resources/list":
                return await ListAsync(CatalogKind.Resources, id, sink, call);
            case "resources/templates/list":
                return await ListAsync(CatalogKind.ResourceTemplates, id, sink, call);
            case "tools/call":
                return await CallNamedAsync(CatalogKind.Tools, message, method, id, parameters, sink, call);
            case "prompts/get":
                return await CallNamedAsync(CatalogKind.Prompts, message, method, id, parameters, sink, call);
            case "resources/read" or "resources/subscribe" or "resources/unsubscribe":
                var uri = parameters?["uri"] is JsonValue u && u.TryGetValue(out string? text) ? text : null;
                return uri is null
                    ? JsonRpc.Error(id, McpProtocol.InvalidParams, $"{method} needs a uri")
                    : await ForwardByUriAsync(uri, method, id, parameters!, sink, call);
            case "completion/complete":
                return await CompleteAsync(id, parameters, sink, call);
            case "logging/setLevel":
                return await SetLevelAsync(id, parameters);
            default:
                return JsonRpc.Error(id, McpProtocol.MethodNotFound, $"Method not found: {method}");
        }
    }

    /// <summary>Progress is routed by the member it comes from and the token: a member cannot speak for another's request.</summary>
    private static string ProgressKey(string member, JsonNode token) => member + "\n" + JsonRpc.IdKey(token);

    private static string? ToolName(JsonObject? parameters) =>
        parameters?["name"] is JsonValue v && v.TryGetValue(out string? s) ? s : null;

    private JsonObject Initialize(JsonNode id, JsonObject? parameters)
    {
        var requested = parameters?["protocolVersion"] is JsonValue v && v.TryGetValue(out string? s) ? s : null;
        var version = McpProtocol.Negotiate(requested);
        if (Session is { } session)
        {
            session.ProtocolVersion = version;
        }

        // Members are asked with what the client offers (so their sampling and elicitation reach it) and who it is.
        var clientName = parameters?["clientInfo"]?["name"] is JsonValue n && n.TryGetValue(out string? name) ? name : "client";
        _initializeParams = new JsonObject
        {
            ["protocolVersion"] = version,
            ["capabilities"] = parameters?["capabilities"]?.DeepClone() ?? new JsonObject(),
            ["clientInfo"] = new JsonObject { ["name"] = $"{clientName} via toolshed group {_group.Name}", ["version"] = parameters?["clientInfo"]?["version"]?.DeepClone() ?? "0" },
        };
        return JsonRpc.Result(id, new JsonObject
        {
            ["protocolVersion"] = version,
            ["capabilities"] = new JsonObject
            {
                ["tools"] = new JsonObject { ["listChanged"] = true },
                ["prompts"] = new JsonObject { ["listChanged"] = true },
                ["resources"] = new JsonObject { ["subscribe"] = true, ["listChanged"] = true },
                ["logging"] = new JsonObject(),
                ["completions"] = new JsonObject(),
            },
            ["serverInfo"] = new JsonObject { ["name"] = $"toolshed-group-{_group.Name}", ["version"] = "0.1.0" },
            ["instructions"] = $"Tools, prompts and resources of the members of the Toolshed group '{_group.Name}'.",
        });
    }

    private async Task<JsonObject?> ListAsync(CatalogKind kind, JsonNode id, MessageSink sink, McpCall? call)
    {
        var catalog = await CatalogAsync(kind);
        if (catalog.IsRefused)
        {
            return Refused(id, catalog);
        }

        if (call is not { FiltersLists: true })
        {
            // Nothing to filter: the list as serialized once, and the audit line from a stand-in answer.
            call?.Complete(JsonRpc.Result(id, new JsonObject()));
            sink.WriteResponse(Splice(id, catalog.ResultUtf8));
            return null;
        }

        return JsonRpc.Result(id, new JsonObject { [kind.ResultKey()] = catalog.Items.DeepClone() });
    }

    private async Task<JsonObject?> CallNamedAsync(
        CatalogKind kind, JsonObject message, string method, JsonNode id, JsonObject? parameters, MessageSink sink, McpCall? call)
    {
        var name = parameters?["name"] is JsonValue v && v.TryGetValue(out string? s) ? s : null;
        if (name is null)
        {
            return JsonRpc.Error(id, McpProtocol.InvalidParams, $"{method} needs a name");
        }

        var catalog = await CatalogAsync(kind);
        if (catalog.IsRefused)
        {
            return Refused(id, catalog);
        }

        var what = kind == CatalogKind.Tools ? "tool" : "prompt";
        if (catalog.Find(name) is not { } entry)
        {
            var goneMember = Previous(kind)?.Find(name)?.Member ?? _group.LastSeen.GetValueOrDefault((kind, name));
            if (goneMember is not null && _group.State.Find(goneMember) is var member && member is not { IsRunning: true })
            {
                return JsonRpc.Error(
                    id, McpProtocol.ServerGone, $"The {what} '{name}' belongs to {MemberDown(goneMember, member?.State ?? "no longer a member")}");
            }

            return JsonRpc.Error(id, McpProtocol.InvalidParams, kind == CatalogKind.Tools ? $"Unknown tool: {name}" : $"Unknown prompt: {name}");
        }

        if (call is not null)
        {
            call.Member = entry.Member;
            call.MemberName = entry.Name == name ? null : entry.Name;
        }

        parameters!["name"] = entry.Name;
        return await ForwardAsync(entry.Member, method, id, parameters, sink, call);
    }

    private async Task<JsonObject?> ForwardByUriAsync(string uri, string method, JsonNode id, JsonObject parameters, MessageSink sink, McpCall? call)
    {
        var member = await MemberOfUriAsync(uri);
        if (member is null)
        {
            return JsonRpc.Error(id, ResourceNotFound, $"Resource not found: {uri}");
        }

        call?.Member = member;
        return await ForwardAsync(member, method, id, parameters, sink, call);
    }

    /// <summary>The member that listed the URI, else the one whose template it fits, else the only running member.</summary>
    private async Task<string?> MemberOfUriAsync(string uri)
    {
        if ((await CatalogAsync(CatalogKind.Resources)).Find(uri) is { } listed)
        {
            return listed.Member;
        }

        if ((await CatalogAsync(CatalogKind.ResourceTemplates)).FindTemplateMember(uri) is { } templated)
        {
            return templated;
        }

        var running = _group.State.Members.Where(m => m.IsRunning).ToList();
        return running.Count == 1 ? running[0].Name : null;
    }

    private async Task<JsonObject?> CompleteAsync(JsonNode id, JsonObject? parameters, MessageSink sink, McpCall? call)
    {
        var reference = parameters?["ref"] as JsonObject;
        var type = reference?["type"] is JsonValue t && t.TryGetValue(out string? typeText) ? typeText : null;
        if (type == "ref/prompt" && reference?["name"] is JsonValue n && n.TryGetValue(out string? name))
        {
            if ((await CatalogAsync(CatalogKind.Prompts)).Find(name) is not { } entry)
            {
                return JsonRpc.Error(id, McpProtocol.InvalidParams, $"Unknown prompt: {name}");
            }

            reference["name"] = entry.Name;
            call?.Member = entry.Member;
            return await ForwardAsync(entry.Member, "completion/complete", id, parameters!, sink, call);
        }

        if (type == "ref/resource" && reference?["uri"] is JsonValue u && u.TryGetValue(out string? uri))
        {
            return await ForwardByUriAsync(uri, "completion/complete", id, parameters!, sink, call);
        }

        return JsonRpc.Error(id, McpProtocol.InvalidParams, "completion/complete needs a ref to a prompt or a resource");
    }

    private async Task<JsonObject> SetLevelAsync(JsonNode id, JsonObject? parameters)
    {
        if (parameters?["level"] is not JsonValue value || !value.TryGetValue(out string? level))
        {
            return JsonRpc.Error(id, McpProtocol.InvalidParams, "logging/setLevel needs a level");
        }

        _logLevel = level;
        using var timeout = new CancellationTokenSource(_group.Options.OpenTimeout);
        var open = _connections.Values.Where(t => t.IsCompletedSuccessfully && t.Result.IsOpen).Select(t => t.Result);
        await Task.WhenAll(open.Select(c => c.RequestAsync("logging/setLevel", new JsonObject { ["level"] = level }, timeout.Token)));
        return JsonRpc.Result(id, new JsonObject());
    }

    /// <summary>Sends the request on to <paramref name="member"/> and gives back its answer under the client's id.</summary>
    private async Task<JsonObject> ForwardAsync(string member, string method, JsonNode id, JsonObject parameters, MessageSink sink, McpCall? call)
    {
        var key = JsonRpc.IdKey(id);
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(_group.Stopping);
        if (_group.RequestTimeout != Timeout.InfiniteTimeSpan)
        {
            cancellation.CancelAfter(_group.RequestTimeout);
        }

        var progressKey = parameters["_meta"]?["progressToken"] is { } token ? ProgressKey(member, token) : null;
        var inFlight = new InFlightRequest(member, sink, cancellation);
        _inFlight[key] = inFlight;
        if (progressKey is not null)
        {
            _progress[progressKey] = sink;
        }

        Session?.RequestStarted();
        ClientOperation? upstream = null;
        MemberConnection? connection = null;
        try
        {
            connection = await ConnectionAsync(member, inFlight.Token);
            var answer = await connection.RequestAsync(method, parameters, inFlight.Token, _group.Telemetry is not { } telemetry
                ? null
                : (request, requestId) => upstream = telemetry.StartClient(request, method, requestId, call?.TraceContext ?? default, connection.Peer));
            upstream?.Finish(OperationOutcome.Of(answer), connection?.ProtocolVersion, member);
            answer["id"] = id.DeepClone();
            if (answer["error"] is JsonObject error && error["code"] is JsonValue code && code.TryGetValue(out int c) && c == McpProtocol.ServerGone)
            {
                // "the MCP server exited" says nothing to a client of many servers: name the member.
                error["message"] = $"Member '{member}' of group '{_group.Name}': {error["message"]}";
            }

            return answer;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested && !_group.Stopping.IsCancellationRequested)
        {
            upstream?.Finish(inFlight.CancelledByClient ? OperationOutcome.Cancelled : OperationOutcome.TimedOut("no answer in time"), connection?.ProtocolVersion, member);
            return inFlight.CancelledByClient
                ? JsonRpc.Error(id, RequestCancelled, "the request was cancelled")
                : JsonRpc.Error(id, McpProtocol.RequestTimedOut, $"member '{member}' did not answer within {_group.RequestTimeout.TotalSeconds:0} s");
        }
        finally
        {
            upstream?.Finish(OperationOutcome.Cancelled, connection?.ProtocolVersion, member); // ends only one still open
            Session?.RequestEnded();
            _inFlight.TryRemove(new KeyValuePair<string, InFlightRequest>(key, inFlight));
            if (progressKey is not null)
            {
                _progress.TryRemove(new KeyValuePair<string, MessageSink>(progressKey, sink));
            }
        }
    }

    private async ValueTask OnClientNotificationAsync(string method, JsonObject? parameters)
    {
        if (method != "notifications/cancelled" || parameters?["requestId"] is not { } requestId)
        {
            return; // initialized, roots/list_changed: the members were told what they need at their own initialize.
        }

        if (_inFlight.TryGetValue(JsonRpc.IdKey(requestId), out var request))
        {
            request.Cancel(byClient: true);
        }

        await Task.CompletedTask;
    }

    private async Task OnClientResponseAsync(JsonObject message, JsonNode id)
    {
        if (id is JsonValue value && value.TryGetValue(out string? key) && _held.TryRemove(key, out var held))
        {
            message["id"] = held.MemberId.DeepClone();
            await held.Connection.RespondAsync(message);
        }
    }

    private JsonObject Refused(JsonNode id, GroupCatalog catalog)
    {
        var unresolved = catalog.Conflicts.Where(c => c.IsUnresolved).ToList();
        var error = JsonRpc.Error(
            id, McpProtocol.InternalError,
            $"Group '{_group.Name}' has names two members both offer: {string.Join("; ", unresolved)}. "
            + $"Rename them (`shed group set {_group.Name} --rename MEMBER/NAME=NEW`) or choose another conflict strategy.");
        error["error"]!["data"] = new JsonObject
        {
            ["conflicts"] = new JsonArray([.. unresolved.Select(c => (JsonNode)new JsonObject
            {
                ["name"] = c.Name,
                ["members"] = new JsonArray([.. c.Members.Select(m => (JsonNode)m)]),
            })]),
        };
        return error;
    }

    /// <summary>{"jsonrpc":"2.0","id":ID,"result":RESULT} around an already serialized result.</summary>
    private static byte[] Splice(JsonNode id, byte[] result)
    {
        var head = System.Text.Encoding.UTF8.GetBytes($"{{\"jsonrpc\":\"2.0\",\"id\":{id.ToJsonString()},\"result\":");
        var message = new byte[head.Length + result.Length + 1];
        head.CopyTo(message, 0);
        result.CopyTo(message, head.Length);
        message[^1] = (byte)'}';
        return message;
    }
}
