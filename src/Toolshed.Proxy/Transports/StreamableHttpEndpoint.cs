using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Toolshed.Proxy.Auth;
using Toolshed.Proxy.Authz;
using Toolshed.Proxy.Modern;
using Toolshed.Proxy.Protocol;
using Toolshed.Proxy.Sessions;

namespace Toolshed.Proxy.Transports;

/// <summary>
/// Streamable HTTP at /mcp in front of the stdio bridge or a group: 2025-era sessions (revisions 2025-03-26 to
/// 2025-11-25) and 2026-07-28 stateless requests on the same path, told apart per request (<see cref="EraRules"/>).
/// </summary>
internal sealed class StreamableHttpEndpoint
{
    private readonly EndpointContext _context;
    private readonly ModernEndpoint _modern;

    public StreamableHttpEndpoint(EndpointContext context)
    {
        _context = context;
        Translator = new ModernTranslator(context);
        _modern = new ModernEndpoint(context, Translator);
    }

    /// <summary>What serves this endpoint's 2026-07-28 clients.</summary>
    public ModernTranslator Translator { get; }

    public Task HandleAsync(HttpContext http) => http.Request.Method switch
    {
        "POST" => PostAsync(http),
        "GET" or "DELETE" when ModernProtocol.IsModern(http.Request.Headers[McpProtocol.ProtocolVersionHeader]) => MethodNotAllowedAsync(http, "POST"),
        "GET" => GetAsync(http),
        "DELETE" => DeleteAsync(http),
        _ => MethodNotAllowedAsync(http),
    };

    private async Task PostAsync(HttpContext http)
    {
        var request = http.Request;
        var response = http.Response;
        var cancellationToken = http.RequestAborted;
        var era = EraRules.FromHeader(request.Headers[McpProtocol.ProtocolVersionHeader].ToString(), out var headerVersion);
        if (era == ProtocolEra.Unsupported)
        {
            await EraRules.WriteUnsupportedAsync(response, headerVersion!, cancellationToken);
            return;
        }

        var body = await JsonBody.ReadMessagesAsync(request, _context.Options.MaxRequestBodyBytes, cancellationToken);
        if (body.Messages is not { } messages)
        {
            await JsonBody.WriteRejectionAsync(response, body, cancellationToken);
            return;
        }

        era = EraRules.FromBody(era, headerVersion, messages);
        if (era == ProtocolEra.Modern)
        {
            await _modern.PostAsync(http, body);
            return;
        }

        if (era == ProtocolEra.ModernWithoutHeader)
        {
            await ModernEndpoint.WriteErrorAsync(
                response, StatusCodes.Status400BadRequest, ModernProtocol.HeaderMismatch,
                $"Header mismatch: the {McpProtocol.ProtocolVersionHeader} header is required (the request's _meta names a protocol version)",
                null, messages[0]["id"], cancellationToken);
            return;
        }

        var isBatch = body.IsBatch;
        var requests = new List<JsonObject>(messages.Count);
        var others = new List<JsonObject>();
        var initialize = false;
        foreach (var message in messages)
        {
            switch (JsonRpc.Classify(message, out var method, out _))
            {
                case MessageKind.Request:
                    initialize |= method == "initialize";
                    requests.Add(message);
                    break;
                case MessageKind.Notification or MessageKind.Response:
                    others.Add(message);
                    break;
                default:
                    await JsonBody.WriteErrorAsync(response, StatusCodes.Status400BadRequest, McpProtocol.InvalidRequest, "not a JSON-RPC request, notification or response", cancellationToken);
                    return;
            }
        }

        if (initialize)
        {
            await InitializeAsync(http, messages, cancellationToken);
            return;
        }

        if (!await TryGetSessionAsync(http, out var session))
        {
            return;
        }

        if (isBatch && (headerVersion ?? McpProtocol.DefaultHttpVersion) != McpProtocol.BatchVersion)
        {
            await JsonBody.WriteErrorAsync(response, StatusCodes.Status400BadRequest, McpProtocol.InvalidRequest, "batches are only allowed in protocol 2025-03-26", cancellationToken);
            return;
        }

        var calls = _context.Gate.IsActive ? _context.Gate.BeginAll(http, requests) : null;
        foreach (var call in calls ?? [])
        {
            call?.Protocol = session!.ProtocolVersion;
            call?.SessionId = session!.Id;
        }

        if (DeniedAnswer.AnyDenied(calls))
        {
            await DeniedAnswer.WriteAsync(response, calls!, isBatch, stream: null, cancellationToken);
            return;
        }

        foreach (var message in others)
        {
            await _context.Messages.HandleClientMessageAsync(session!, message, session!, null, cancellationToken);
        }

        if (requests.Count == 0)
        {
            response.StatusCode = StatusCodes.Status202Accepted;
            return;
        }

        var accept = request.Headers.Accept.ToString();
        var useSse = accept.Contains("text/event-stream", StringComparison.OrdinalIgnoreCase);
        var acceptsJson = accept.Length == 0 || accept.Contains("application/json", StringComparison.OrdinalIgnoreCase) || accept.Contains("*/*", StringComparison.Ordinal);
        if (!useSse && !acceptsJson)
        {
            await RejectAsync(response, StatusCodes.Status406NotAcceptable, "Accept application/json or text/event-stream", cancellationToken);
            return;
        }

        var exchange = new ExchangeSink(requests.Count, acceptsRelated: useSse);
        session!.StreamOpened();
        try
        {
            for (var i = 0; i < requests.Count; i++)
            {
                await _context.Messages.HandleClientMessageAsync(session, requests[i], exchange, calls?[i], cancellationToken);
            }

            if (useSse)
            {
                await ExchangeAnswer.WriteEventsAsync(response, exchange, _context.Options.KeepAliveInterval, _context.TimeProvider, cancellationToken);
            }
            else
            {
                await ExchangeAnswer.WriteJsonAsync(response, exchange, isBatch, cancellationToken);
            }
        }
        finally
        {
            exchange.Abandon();
            session.StreamClosed();
            session.Touch(_context.TimeProvider.GetTimestamp());
        }
    }

    private async Task InitializeAsync(HttpContext http, List<JsonObject> messages, CancellationToken cancellationToken)
    {
        var response = http.Response;
        if (messages.Count != 1)
        {
            await JsonBody.WriteErrorAsync(response, StatusCodes.Status400BadRequest, McpProtocol.InvalidRequest, "initialize must be sent alone", cancellationToken);
            return;
        }

        var call = _context.Gate.IsActive ? _context.Gate.Begin(http.Features.Get<AuthenticatedCaller>(), messages[0], http) : null;
        call?.Protocol = McpProtocol.Negotiate(messages[0]["params"]?["protocolVersion"] is JsonValue v && v.TryGetValue(out string? s) ? s : null);
        var session = _context.Sessions.Create(SessionKind.StreamableHttp);
        session.Owner = SessionOwner.Of(http);
        call?.SessionId = session.Id;
        var exchange = new ExchangeSink(1, acceptsRelated: false);
        try
        {
            await _context.Messages.HandleClientMessageAsync(session, messages[0], exchange, call, cancellationToken);
        }
        catch
        {
            _context.Sessions.Remove(session.Id);
            throw;
        }

        List<ReadOnlyMemory<byte>> taken = [];
        exchange.Take(ref taken, out _);
        var answer = taken[0];
        var failed = JsonNode.Parse(answer.Span) is JsonObject result && result.ContainsKey("error");
        if (failed)
        {
            _context.Sessions.Remove(session.Id);
        }
        else
        {
            response.Headers[McpProtocol.SessionIdHeader] = session.Id;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json";
        await response.Body.WriteAsync(answer, cancellationToken);
    }

    private async Task GetAsync(HttpContext http)
    {
        var cancellationToken = http.RequestAborted;
        if (!http.Request.Headers.Accept.ToString().Contains("text/event-stream", StringComparison.OrdinalIgnoreCase))
        {
            await RejectAsync(http.Response, StatusCodes.Status406NotAcceptable, "GET /mcp needs Accept: text/event-stream", cancellationToken);
            return;
        }

        if (!CheckProtocolVersion(http.Request, out _))
        {
            await RejectAsync(http.Response, StatusCodes.Status400BadRequest, "Unsupported MCP-Protocol-Version", cancellationToken);
            return;
        }

        if (!await TryGetSessionAsync(http, out var session))
        {
            return;
        }

        session!.StreamOpened();
        try
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, session.Ended);
            SseWriter.Prepare(http.Response);
            await SseWriter.PumpAsync(http.Response, session.Outbound, _context.Options.KeepAliveInterval, _context.TimeProvider, linked.Token);
        }
        finally
        {
            session.StreamClosed();
            session.Touch(_context.TimeProvider.GetTimestamp());
        }
    }

    private async Task DeleteAsync(HttpContext http)
    {
        if (await TryGetSessionAsync(http, out var session))
        {
            _context.Sessions.Remove(session!.Id);
            http.Response.StatusCode = StatusCodes.Status200OK;
        }
    }

    private static Task MethodNotAllowedAsync(HttpContext http, string allow = "GET, POST, DELETE")
    {
        http.Response.Headers.Allow = allow;
        http.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
        return Task.CompletedTask;
    }

    private Task<bool> TryGetSessionAsync(HttpContext http, out McpSession? session)
    {
        var id = http.Request.Headers[McpProtocol.SessionIdHeader].ToString();
        switch (_context.Sessions.TryGet(id, out session))
        {
            case SessionLookup.Found when session!.Kind == SessionKind.StreamableHttp && SessionOwner.Matches(session, http):
                return Task.FromResult(true);
            case SessionLookup.Missing:
                return RejectThenFalseAsync(http.Response, StatusCodes.Status400BadRequest, "Mcp-Session-Id header is required", http.RequestAborted);
            default:
                session = null;
                return RejectThenFalseAsync(http.Response, StatusCodes.Status404NotFound, "session not found; initialize a new one", http.RequestAborted);
        }
    }

    private static bool CheckProtocolVersion(HttpRequest request, out string? version)
    {
        version = request.Headers[McpProtocol.ProtocolVersionHeader].ToString();
        if (version.Length == 0)
        {
            version = null;
            return true;
        }

        return McpProtocol.IsSupported(version);
    }

    private static async Task<bool> RejectThenFalseAsync(HttpResponse response, int status, string message, CancellationToken cancellationToken)
    {
        await RejectAsync(response, status, message, cancellationToken);
        return false;
    }

    private static Task RejectAsync(HttpResponse response, int status, string message, CancellationToken cancellationToken) =>
        JsonBody.WriteErrorAsync(response, status, McpProtocol.InvalidRequest, message, cancellationToken);
}
