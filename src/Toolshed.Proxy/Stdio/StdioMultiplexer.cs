using System.Buffers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Toolshed.Core.Runtime;
using Toolshed.Proxy.Protocol;
using Toolshed.Proxy.Sessions;
using Toolshed.Proxy.Telemetry;

namespace Toolshed.Proxy.Stdio;

/// <summary>
/// Multiplexes every client session of one proxy over the single stdio stream of the backend server. This half holds
/// the attachment and everything that comes from the server; <c>StdioMultiplexer.Client.cs</c> has what clients send.
/// </summary>
internal sealed partial class StdioMultiplexer : IClientMessageHandler, IUpstreamEra, IAsyncDisposable
{
    private const int LoggedLineBytes = 256;

    private readonly string _workloadName;
    private readonly ILogger _logger;
    private readonly SessionStore _sessions;
    private readonly RequestTable _requests = new();
    private readonly NotificationRouter _router = new();
    private readonly Lock _gate = new();
    private BackendAttachment? _backend;

    public StdioMultiplexer(string workloadName, SessionStore sessions, ILogger logger)
    {
        _workloadName = workloadName;
        _sessions = sessions;
        _logger = logger;
    }

    /// <summary>The endpoint's telemetry: a CLIENT operation per request sent to the server; null records none.</summary>
    public EndpointTelemetry? Telemetry { get; init; }

    /// <summary>How the server is reached, as CLIENT spans record it.</summary>
    public UpstreamPeer Peer { get; init; } = UpstreamPeer.Stdio;

    public bool IsAttached => Volatile.Read(ref _backend) is { IsAlive: true };

    public int PendingCount => _requests.PendingCount;

    public bool SpeaksModern => LiveBackend is { SpeaksModern: true };

    /// <summary>The revision the attached server agreed to at the proxy's initialize; null before it answered one.</summary>
    public string? ServerProtocolVersion =>
        LiveBackend?.Initialization is { IsCompletedSuccessfully: true, Result: { } result } && result["protocolVersion"] is JsonValue v
        && v.TryGetValue(out string? version) ? version : null;

    /// <summary>Starts serving over <paramref name="channel"/>; a previous attachment is dropped first.</summary>
    public void Attach(IStdioChannel channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var fresh = new BackendAttachment(channel, OnLineLost);
        BackendAttachment? old;
        lock (_gate)
        {
            old = _backend;
            _backend = fresh;
        }

        if (old is not null)
        {
            StopAttachment(old);
        }

        ProxyLog.BackendAttached(_logger, _workloadName);
        fresh.Readers = Task.WhenAll(
            Task.Run(() => ReadOutputAsync(fresh)),
            Task.Run(() => DrainErrorsAsync(fresh)));
        SignalAttached();
    }

    /// <summary>Stops using the current backend; every open request fails at once.</summary>
    public async Task DetachAsync()
    {
        BackendAttachment? old;
        lock (_gate)
        {
            old = _backend;
            _backend = null;
        }

        if (old is not null)
        {
            StopAttachment(old);
            await old.Readers.ConfigureAwait(false);
            old.Dispose();
        }
    }

    public async ValueTask DisposeAsync() => await DetachAsync().ConfigureAwait(false);

    private void StopAttachment(BackendAttachment backend)
    {
        backend.Stop();
        backend.Channel.Output.CancelPendingRead();
        backend.Channel.Errors.CancelPendingRead();
        FailPending(backend);
    }

    private async Task ReadOutputAsync(BackendAttachment backend)
    {
        try
        {
            await LineReader.ReadLinesAsync(backend.Channel.Output, line => OnServerLineAsync(backend, line), backend.Stopping);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The stream ended or was taken away: either way the server is gone for this attachment.
        }

        if (backend.MarkGone())
        {
            ProxyLog.BackendExited(_logger, _workloadName, _requests.PendingCount);
        }

        FailPending(backend);
    }

    private async Task DrainErrorsAsync(BackendAttachment backend)
    {
        try
        {
            await LineReader.ReadLinesAsync(
                backend.Channel.Errors,
                line =>
                {
                    if (_logger.IsEnabled(LogLevel.Debug))
                    {
                        ProxyLog.ServerStderr(_logger, _workloadName, Truncate(line));
                    }

                    return ValueTask.CompletedTask;
                },
                backend.Stopping);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException or InvalidOperationException)
        {
        }
    }

    private async ValueTask OnServerLineAsync(BackendAttachment backend, ReadOnlySequence<byte> line)
    {
        if (IsBlank(line))
        {
            return;
        }

        var first = FirstNonWhitespace(line);
        var node = first is (byte)'{' or (byte)'[' ? JsonRpc.TryParse(line) : null;
        if (node is null)
        {
            ProxyLog.SkippedNonJsonLine(_logger, _workloadName, line.Length);
            return;
        }

        if (_logger.IsEnabled(LogLevel.Trace))
        {
            ProxyLog.MessageTrace(_logger, _workloadName, "server→proxy", line.Length);
        }

        if (node is JsonArray batch)
        {
            foreach (var item in batch)
            {
                if (item is JsonObject message)
                {
                    await OnServerMessageAsync(backend, message);
                }
            }
        }
        else if (node is JsonObject message)
        {
            await OnServerMessageAsync(backend, message);
        }
    }

    private async ValueTask OnServerMessageAsync(BackendAttachment backend, JsonObject message)
    {
        switch (JsonRpc.Classify(message, out var method, out var id))
        {
            case MessageKind.Response:
                OnServerResponse(message, id!);
                break;
            case MessageKind.Notification:
                OnServerNotification(message, method!);
                break;
            case MessageKind.Request:
                await OnServerRequestAsync(backend, message, method!, id!);
                break;
            default:
                ProxyLog.SkippedNonJsonLine(_logger, _workloadName, -1);
                break;
        }
    }

    private void OnServerResponse(JsonObject message, JsonNode id)
    {
        if (id is not JsonValue value || !value.TryGetValue(out long proxyId) || !_requests.TryTake(proxyId, out var pending))
        {
            ProxyLog.UnmatchedResponse(_logger, _workloadName);
            return;
        }

        if (pending.Internal is { } internalRequest)
        {
            internalRequest.TrySetResult(message);
            return;
        }

        if (pending.Session is { } session && message["result"]?["task"]?["taskId"] is JsonValue task
            && task.TryGetValue(out string? taskId))
        {
            _router.TaskStarted(taskId, session);
        }

        if (pending.Backend.SpeaksModern && pending.Session is { Kind: not SessionKind.Stateless }
            && message["result"]?["resultType"] is JsonValue type && type.TryGetValue(out string? resultType) && resultType == "input_required")
        {
            message = JsonRpc.Error(null, McpProtocol.InternalError,
                "the server asks for input (" + string.Join(", ", (message["result"]?["inputRequests"] as JsonObject)?.Select(i => i.Value?["method"]?.ToString()) ?? [])
                + ") the way only 2026-07-28 clients can answer: connect with a 2026-07-28 client to use this");
        }

        pending.Upstream?.Finish(OperationOutcome.Of(message), ServerProtocolVersion);
        message["id"] = pending.ClientId?.DeepClone();
        pending.Call?.Complete(message);
        pending.Sink!.WriteResponse(message);
    }

    private void OnServerNotification(JsonObject message, string method)
    {
        var parameters = message["params"] as JsonObject;
        switch (method)
        {
            case "notifications/progress":
                if (parameters?["progressToken"] is JsonValue token && token.TryGetValue(out string? proxyToken)
                    && _requests.TryGetByProgressToken(proxyToken, out var pending))
                {
                    parameters["progressToken"] = pending.ClientProgressToken?.DeepClone();
                    pending.RelatedSink?.WriteRelated(JsonRpc.ToUtf8(message));
                }

                return;
            case "notifications/cancelled":
                // The server gave up on one of its own requests: tell only the client that holds it.
                if (parameters?["requestId"] is { } serverId && _requests.TryTakeServerRequestByServerId(serverId, out var key, out var request))
                {
                    parameters["requestId"] = key;
                    request.Session.WriteRelated(JsonRpc.ToUtf8(message));
                }

                return;
            default:
                var route = _router.RouteNotification(method, parameters, _requests.InFlight());
                if (route.ToEveryone)
                {
                    _sessions.Broadcast(JsonRpc.ToUtf8(message));
                }
                else if (route.Sinks.Count > 0)
                {
                    var bytes = JsonRpc.ToUtf8(message);
                    foreach (var sink in route.Sinks)
                    {
                        sink.WriteRelated(bytes);
                    }
                }

                return;
        }
    }

    private async ValueTask OnServerRequestAsync(BackendAttachment backend, JsonObject message, string method, JsonNode id)
    {
        if (method == "ping")
        {
            // The server checks its link, which ends at the proxy.
            await backend.WriteAsync(JsonRpc.Result(id, new JsonObject()));
            return;
        }

        var parameters = message["params"] as JsonObject;
        var related = RelatedRequestTag.Take(parameters);
        var route = related is { } relatedId && backend.Channel is Upstream.StreamableHttpUpstreamChannel
            && _requests.TryGet(relatedId, out var owner) && owner.Session is { } ownerSession
            ? new ServerRequestRoute(ownerSession, owner.RelatedSink!)
            : _router.RouteServerRequest(parameters, _requests.InFlight(), _sessions.PickForServerRequest);
        if (route is null)
        {
            // Several subjects' requests are in flight, or none under OIDC: guessing could hand one caller's
            // sampling or elicitation to another.
            var reason = _sessions.Count == 0 ? "no client is connected to answer " + method : "cannot route this request to a client";
            await backend.WriteAsync(JsonRpc.Error(id, McpProtocol.InternalError, reason));
            return;
        }

        var key = _requests.AddServerRequest(new ServerRequest(backend, id.DeepClone(), route.Session));
        if (method == "elicitation/create" && parameters?["elicitationId"] is JsonValue elicitation
            && elicitation.TryGetValue(out string? elicitationId))
        {
            _router.ElicitationStarted(elicitationId, route.Session);
        }

        message["id"] = key;
        route.Sink.WriteRelated(JsonRpc.ToUtf8(message));
    }

    /// <summary>Answers every request still waiting on <paramref name="backend"/> with an error, so no client hangs.</summary>
    private void FailPending(BackendAttachment backend)
    {
        foreach (var pending in _requests.TakeAll(backend))
        {
            AnswerServerGone(pending);
        }
    }

    /// <summary>A request's line never reached the server: its asker gets the same error as when the server exits.</summary>
    private void OnLineLost(long proxyId)
    {
        if (_requests.TryTake(proxyId, out var pending))
        {
            AnswerServerGone(pending);
        }
    }

    private static void AnswerServerGone(PendingRequest pending)
    {
        var error = JsonRpc.Error(pending.ClientId, McpProtocol.ServerGone, "the MCP server exited");
        pending.Upstream?.Finish(OperationOutcome.ServerExited, null);
        if (pending.Internal is { } internalRequest)
        {
            internalRequest.TrySetResult(error);
        }
        else
        {
            pending.Call?.Complete(error);
            pending.Sink!.WriteResponse(error);
        }
    }

    private static bool IsBlank(ReadOnlySequence<byte> line) => FirstNonWhitespace(line) == 0;

    private static byte FirstNonWhitespace(ReadOnlySequence<byte> line)
    {
        foreach (var segment in line)
        {
            foreach (var b in segment.Span)
            {
                if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r'))
                {
                    return b;
                }
            }
        }

        return 0;
    }

    private static string Truncate(ReadOnlySequence<byte> line)
    {
        var head = line.Slice(0, Math.Min(line.Length, LoggedLineBytes));
        var text = Encoding.UTF8.GetString(head);
        return line.Length > LoggedLineBytes ? text + "…" : text;
    }
}
