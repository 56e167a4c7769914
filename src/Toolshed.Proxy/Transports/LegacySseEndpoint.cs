using Microsoft.AspNetCore.Http;
using Toolshed.Proxy.Authz;
using Toolshed.Proxy.Protocol;
using Toolshed.Proxy.Sessions;

namespace Toolshed.Proxy.Transports;

/// <summary>The legacy HTTP+SSE transport (2024-11-05): GET /sse holds the stream, POST /messages carries requests.</summary>
internal sealed class LegacySseEndpoint(EndpointContext context)
{
    public const string MessagesPath = "/messages";

    public async Task StreamAsync(HttpContext http)
    {
        var session = context.Sessions.Create(SessionKind.LegacySse);
        session.ProtocolVersion = "2024-11-05";
        session.Owner = SessionOwner.Of(http);
        session.StreamOpened();
        try
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, session.Ended);
            SseWriter.Prepare(http.Response);
            var endpoint = System.Text.Encoding.UTF8.GetBytes($"{MessagesPath}?sessionId={session.Id}");
            SseWriter.WriteEvent(http.Response.BodyWriter, "endpoint", endpoint);
            await SseWriter.PumpAsync(http.Response, session.Outbound, context.Options.KeepAliveInterval, context.TimeProvider, linked.Token);
        }
        finally
        {
            session.StreamClosed();
            context.Sessions.Remove(session.Id);
        }
    }

    public async Task PostAsync(HttpContext http)
    {
        var cancellationToken = http.RequestAborted;
        var response = http.Response;
        switch (context.Sessions.TryGet(http.Request.Query["sessionId"].ToString(), out var session))
        {
            case SessionLookup.Missing:
                await JsonBody.WriteErrorAsync(response, StatusCodes.Status400BadRequest, McpProtocol.InvalidRequest, "sessionId is required", cancellationToken);
                return;
            case SessionLookup.Unknown:
            case SessionLookup.Found when !SessionOwner.Matches(session!, http):
                await JsonBody.WriteErrorAsync(response, StatusCodes.Status404NotFound, McpProtocol.InvalidRequest, "session not found", cancellationToken);
                return;
        }

        var body = await JsonBody.ReadMessagesAsync(http.Request, context.Options.MaxRequestBodyBytes, cancellationToken);
        if (body.Messages is not { } messages)
        {
            await JsonBody.WriteRejectionAsync(response, body, cancellationToken);
            return;
        }

        McpCall?[]? calls = null;
        if (context.Gate.IsActive)
        {
            var requests = messages.Where(m => JsonRpc.Classify(m, out _, out _) == MessageKind.Request).ToList();
            calls = context.Gate.BeginAll(http, requests);
            for (var i = 0; i < calls.Length; i++)
            {
                calls[i]?.Protocol = requests[i]["method"]?.ToString() == "initialize"
                    ? McpProtocol.Negotiate(requests[i]["params"]?["protocolVersion"]?.ToString())
                    : session!.ProtocolVersion;
                calls[i]?.SessionId = session!.Id;
            }

            if (DeniedAnswer.AnyDenied(calls))
            {
                await DeniedAnswer.WriteAsync(response, calls, messages.Count > 1, session, cancellationToken);
                return;
            }
        }

        var next = 0;
        foreach (var message in messages)
        {
            var call = calls is not null && JsonRpc.Classify(message, out _, out _) == MessageKind.Request ? calls[next++] : null;
            await context.Messages.HandleClientMessageAsync(session!, message, session!, call, cancellationToken);
        }

        response.StatusCode = StatusCodes.Status202Accepted;
        await response.WriteAsync("Accepted", cancellationToken);
    }
}
