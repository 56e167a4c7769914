using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Toolshed.Proxy.Protocol;

namespace Toolshed.Proxy.Upstream;

/// <summary>
/// A client connection to a Streamable HTTP server: every message is POSTed to the endpoint, answers come back as
/// JSON or as an SSE stream, the server's own messages arrive on the GET stream, and an expired session (404) is
/// initialized again with the bridge's own initialize before the message is sent once more.
/// </summary>
internal sealed class StreamableHttpUpstreamChannel(HttpClient http, Uri endpoint, string workloadName, ILogger logger)
    : HttpUpstreamChannel(http, endpoint, workloadName, logger)
{
    private const int EmptyGetStreamsBeforeGivingUp = 3;
    private static readonly MediaTypeHeaderValue s_json = new("application/json");
    private static readonly MediaTypeWithQualityHeaderValue s_acceptJson = new("application/json");
    private static readonly MediaTypeWithQualityHeaderValue s_acceptEvents = new("text/event-stream");
    private static readonly TimeSpan s_closeTimeout = TimeSpan.FromSeconds(2);

    private readonly SemaphoreSlim _reinitializing = new(1, 1);
    private volatile string? _sessionId;
    private volatile string? _protocolVersion;
    private volatile byte[]? _initialize;
    private volatile bool _closing;
    private int _getStreamStarted;
    private long _reinitializations;

    protected override ValueTask SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        var head = MessageHead.Read(message);
        if (head.Method == "initialize")
        {
            _initialize = message.ToArray();
        }

        // A request's answer may take long to stream; the bridge must not wait for it before sending the next message.
        return TryStart(ct => ExchangeAsync(message, head, ct))
            ? ValueTask.CompletedTask
            : throw new IOException("The MCP server's HTTP connection is gone.");
    }

    protected override async Task OnClosingAsync()
    {
        // From here on a 404 means our own DELETE went through, not an expired session: nothing opens a new one. A
        // re-initialize already under way is let finish, so the session it made is the one ended.
        _closing = true;
        using var timeout = new CancellationTokenSource(s_closeTimeout);
        await _reinitializing.WaitAsync(timeout.Token);
        _reinitializing.Release();
        if (_sessionId is not { } session)
        {
            return;
        }

        using var request = new HttpRequestMessage(HttpMethod.Delete, Endpoint);
        AddSessionHeaders(request, session);
        using var response = await Http.SendAsync(request, timeout.Token);
    }

    private async Task ExchangeAsync(ReadOnlyMemory<byte> message, MessageHead head, CancellationToken cancellationToken)
    {
        var isInitialize = head.Method == "initialize";
        for (var attempt = 0; ; attempt++)
        {
            var session = isInitialize ? null : _sessionId;
            using var request = NewPost(message, session);
            using var response = await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound && session is not null && attempt == 0
                && await ReinitializeAsync(session, cancellationToken))
            {
                continue;
            }

            if (!response.IsSuccessStatusCode)
            {
                UpstreamLog.UpstreamRefused(Logger, WorkloadName, head.Method ?? "(response)", (int)response.StatusCode);
                if (head.IsRequest)
                {
                    await WriteRefusalAsync(head.IdJson!, response);
                }

                return;
            }

            MarkConnected();
            if (isInitialize && response.Headers.TryGetValues(McpProtocol.SessionIdHeader, out var ids))
            {
                _sessionId = ids.FirstOrDefault();
            }

            if (head.Method == "notifications/initialized" && Interlocked.Exchange(ref _getStreamStarted, 1) == 0)
            {
                TryStart(RunGetStreamAsync);
            }

            var answered = false;
            await ReadMessagesAsync(
                response,
                async data =>
                {
                    var incoming = MessageHead.Read(data);
                    if (incoming.IsResponse && incoming.IdJson == head.IdJson)
                    {
                        answered = true;
                        if (isInitialize)
                        {
                            RememberProtocolVersion(data);
                        }
                    }

                    if (incoming.IsRequest)
                    {
                        // Sent on this request's stream: it belongs to this request, whoever else is waiting.
                        data = RelatedRequestTag.Apply(data, head.IsRequest ? head.IdJson : null);
                    }

                    await WriteMessageAsync(data);
                },
                cancellationToken);
            if (head.IsRequest && !answered)
            {
                await WriteErrorAsync(head.IdJson!, "The MCP server ended its answer without answering.");
            }

            return;
        }
    }

    /// <summary>Opens a new session with the bridge's own initialize, unless another caller already replaced <paramref name="expired"/>.</summary>
    private async Task<bool> ReinitializeAsync(string expired, CancellationToken cancellationToken)
    {
        if (_closing)
        {
            return false;
        }

        await _reinitializing.WaitAsync(cancellationToken);
        try
        {
            if (_closing)
            {
                return false;
            }

            if (_sessionId != expired)
            {
                return _sessionId is not null;
            }

            if (_initialize is not { } initialize || JsonNode.Parse(initialize) is not JsonObject replay)
            {
                return false;
            }

            var id = "toolshed-reinitialize-" + Interlocked.Increment(ref _reinitializations);
            replay["id"] = id;
            var idJson = new JsonArray(id).ToJsonString()[1..^1];
            using (var request = NewPost(JsonRpc.ToUtf8(replay), session: null))
            using (var response = await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken))
            {
                if (!response.IsSuccessStatusCode
                    || !response.Headers.TryGetValues(McpProtocol.SessionIdHeader, out var ids) || ids.FirstOrDefault() is not { } fresh)
                {
                    return false;
                }

                await ReadMessagesAsync(
                    response,
                    data =>
                    {
                        if (MessageHead.Read(data) is { IsResponse: true } head && head.IdJson == idJson)
                        {
                            RememberProtocolVersion(data);
                        }

                        return ValueTask.CompletedTask;
                    },
                    cancellationToken);
                _sessionId = fresh;
            }

            var initialized = new JsonObject { ["jsonrpc"] = "2.0", ["method"] = "notifications/initialized" };
            using (var request = NewPost(JsonRpc.ToUtf8(initialized), _sessionId))
            using (var response = await Http.SendAsync(request, cancellationToken))
            {
                UpstreamLog.SessionReinitialized(Logger, WorkloadName, (int)response.StatusCode);
            }

            return true;
        }
        finally
        {
            _reinitializing.Release();
        }
    }

    /// <summary>Carries the server's own messages (list changes, sampling requests) for as long as the session lives.</summary>
    private async Task RunGetStreamAsync(CancellationToken cancellationToken)
    {
        var emptyInARow = 0;
        while (emptyInARow < EmptyGetStreamsBeforeGivingUp)
        {
            var session = _sessionId;
            using var request = new HttpRequestMessage(HttpMethod.Get, Endpoint);
            request.Headers.Accept.Add(s_acceptEvents);
            AddSessionHeaders(request, session);
            using var response = await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            // 405: the server offers no stream of its own. A stateless server (it gave no session id) that refuses the
            // GET says the same: there is no session to lose, so the channel stays for its POSTs.
            if (response.StatusCode == HttpStatusCode.MethodNotAllowed || (session is null && !response.IsSuccessStatusCode))
            {
                return;
            }

            if (response.StatusCode == HttpStatusCode.NotFound && session is not null && await ReinitializeAsync(session, cancellationToken))
            {
                continue;
            }

            if (!response.IsSuccessStatusCode)
            {
                // The session is gone (a restarted server no longer knows it): a fresh channel starts a new one.
                UpstreamLog.UpstreamRefused(Logger, WorkloadName, "GET", (int)response.StatusCode);
                await EndAsync();
                return;
            }

            var events = 0;
            await ReadMessagesAsync(
                response,
                data =>
                {
                    events++;
                    return WriteMessageAsync(MessageHead.Read(data).IsRequest ? RelatedRequestTag.Apply(data, relatedIdJson: null) : data);
                },
                cancellationToken);
            emptyInARow = events == 0 ? emptyInARow + 1 : 0;
        }
    }

    /// <summary>Hands over every JSON-RPC message of a JSON or SSE answer as it arrives.</summary>
    private static async Task ReadMessagesAsync(
        HttpResponseMessage response, Func<ReadOnlyMemory<byte>, ValueTask> onMessage, CancellationToken cancellationToken)
    {
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (string.Equals(mediaType, "application/json", StringComparison.OrdinalIgnoreCase))
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            if (!body.AsSpan().Trim(" \t\r\n"u8).IsEmpty)
            {
                await onMessage(body);
            }

            return;
        }

        if (!string.Equals(mediaType, "text/event-stream", StringComparison.OrdinalIgnoreCase))
        {
            return; // 202 Accepted and the like carry no message.
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        await SseEventReader.ReadAsync(
            stream,
            (eventType, data) => eventType is null or "message" && !data.IsEmpty ? onMessage(data) : ValueTask.CompletedTask,
            cancellationToken);
    }

    private void RememberProtocolVersion(ReadOnlyMemory<byte> data)
    {
        if (JsonRpc.TryParse(new System.Buffers.ReadOnlySequence<byte>(data))?["result"]?["protocolVersion"] is JsonValue value
            && value.TryGetValue(out string? version))
        {
            _protocolVersion = version;
        }
    }

    private HttpRequestMessage NewPost(ReadOnlyMemory<byte> message, string? session)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Endpoint) { Content = new ReadOnlyMemoryContent(message) };
        request.Content.Headers.ContentType = s_json;
        request.Headers.Accept.Add(s_acceptJson);
        request.Headers.Accept.Add(s_acceptEvents);
        AddSessionHeaders(request, session);
        return request;
    }

    private void AddSessionHeaders(HttpRequestMessage request, string? session)
    {
        if (session is null)
        {
            return;
        }

        request.Headers.TryAddWithoutValidation(McpProtocol.SessionIdHeader, session);
        if (_protocolVersion is { } version)
        {
            request.Headers.TryAddWithoutValidation(McpProtocol.ProtocolVersionHeader, version);
        }
    }
}
