using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Toolshed.Proxy.Protocol;
using Toolshed.Proxy.Sessions;
using Toolshed.Proxy.Transports;

namespace Toolshed.Proxy.Modern;

/// <summary>
/// What one endpoint keeps to serve 2026-07-28 clients through its 2025-era handler (the stdio bridge, or a group's
/// router): the callers' stateless sessions, the calls held for input, the key that signs their request state, the
/// listen streams, and what the server said of itself. <see cref="ModernEndpoint"/> is its HTTP side.
/// </summary>
internal sealed class ModernTranslator : IDisposable
{
    private static readonly TimeSpan s_internalTimeout = TimeSpan.FromSeconds(30);

    private long _nextId;
    private volatile ServerFacts _facts = ServerFacts.Unknown;

    public ModernTranslator(EndpointContext context)
    {
        Context = context;
        Sessions = new StatelessSessions(this, context.Sessions, context.TimeProvider);
        Held = new HeldCalls(context.TimeProvider, HeldCalls.DefaultTtl);
        States = new RequestStateCodec(context.TimeProvider);
    }

    public EndpointContext Context { get; }

    public StatelessSessions Sessions { get; }

    public HeldCalls Held { get; }

    public RequestStateCodec States { get; }

    public ListenHub Listeners { get; } = new();

    public ToolHeaderCatalog ToolHeaders { get; } = new();

    /// <summary>What the server said at its last initialize the proxy saw (refreshed by every server/discover).</summary>
    public ServerFacts Facts
    {
        get => _facts;
        set => _facts = value;
    }

    /// <summary>Answers may differ per caller (a policy filters them, or callers sign in): caches must not share them.</summary>
    public bool PrivateScope => Context.Gate.Authorizer is not null || Context.Options.Oidc is not null;

    /// <summary>An id no client request on a stateless session can collide with.</summary>
    public string NextInternalId() => "toolshed-" + Interlocked.Increment(ref _nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Sends a request of the proxy's own on <paramref name="session"/>; null when it got no answer in time.</summary>
    public async Task<JsonObject?> RequestAsync(McpSession session, string method, JsonObject parameters, CancellationToken cancellationToken)
    {
        var id = NextInternalId();
        var message = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method, ["params"] = parameters };
        var sink = new ExchangeSink(1, acceptsRelated: false);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(s_internalTimeout);
        try
        {
            await Context.Messages.HandleClientMessageAsync(session, message, sink, call: null, timeout.Token);
            var taken = new List<ReadOnlyMemory<byte>>(1);
            while (!sink.Take(ref taken, out _))
            {
                await sink.WaitAsync().AsTask().WaitAsync(timeout.Token);
            }

            return taken.Count > 0 ? JsonNode.Parse(taken[^1].Span) as JsonObject : null;
        }
        catch (OperationCanceledException)
        {
            sink.Abandon();
            await CancelAsync(session, id);
            return null;
        }
    }

    /// <summary>Answers a request the server sent (through the handler, which knows where it came from).</summary>
    public async Task ReplyToServerAsync(McpSession session, JsonNode serverKey, JsonNode? result, JsonObject? error)
    {
        var reply = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = serverKey.DeepClone() };
        if (error is not null)
        {
            reply["error"] = error.DeepClone();
        }
        else
        {
            reply["result"] = result?.DeepClone() ?? new JsonObject();
        }

        await SendQuietlyAsync(session, reply);
    }

    public void FailInputs(McpSession session, IEnumerable<PendingInput> inputs, string reason)
    {
        foreach (var input in inputs)
        {
            _ = ReplyToServerAsync(session, input.ServerKey, result: null, new JsonObject { ["code"] = McpProtocol.InternalError, ["message"] = reason });
        }
    }

    /// <summary>Cancels the request <paramref name="internalId"/> upstream (notifications/cancelled).</summary>
    public Task CancelAsync(McpSession session, string internalId) => SendQuietlyAsync(session, new JsonObject
    {
        ["jsonrpc"] = "2.0",
        ["method"] = "notifications/cancelled",
        ["params"] = new JsonObject { ["requestId"] = internalId, ["reason"] = "the client closed the request's stream" },
    });

    /// <summary>What the handler sent a stateless session outside any request: change notifications go to the caller's
    /// listen streams; a server request nobody can answer gets an error at once.</summary>
    public async Task OnSessionMessageAsync(McpSession session, string subjectKey, JsonObject message)
    {
        switch (JsonRpc.Classify(message, out var method, out var id))
        {
            case MessageKind.Notification:
                if (method == "notifications/tools/list_changed")
                {
                    ToolHeaders.Invalidate();
                }

                Listeners.Dispatch(subjectKey, message, method!);
                break;
            case MessageKind.Request:
                await ReplyToServerAsync(session, id!, result: null, new JsonObject
                {
                    ["code"] = McpProtocol.MethodNotFound,
                    ["message"] = $"{method} reached no client: {ModernProtocol.Version} clients answer only requests tied to their own calls",
                });
                break;
        }
    }

    public void Dispose()
    {
        Listeners.CloseAll();
        Held.Dispose();
        Sessions.EndAll();
    }

    private async Task SendQuietlyAsync(McpSession session, JsonObject message)
    {
        try
        {
            await Context.Messages.HandleClientMessageAsync(session, message, session, call: null, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            ProxyLog.ModernRelayFailed(Context.Logger, Context.Options.WorkloadName, ex);
        }
    }
}
