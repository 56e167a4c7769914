using System.Text.Json.Nodes;
using Toolshed.Proxy.Sessions;

namespace Toolshed.Proxy.Stdio;

/// <summary>
/// Decides which client sessions of a shared (multiplexed) server get what the server sends on its own initiative:
/// notifications, and requests to a client (sampling, elicitation, roots). What one caller's work makes the server say
/// stays with that caller, and under OIDC never reaches another subject's session by a guess.
/// </summary>
/// <remarks>
/// <para>The rule, first match decides. <c>notifications/progress</c> and <c>notifications/cancelled</c> are tied by
/// the token or request id the bridge rewrote and are routed by it before the router is asked (unknown ones reach
/// nobody).</para>
/// <list type="number">
/// <item><c>notifications/*/list_changed</c> reach every session.</item>
/// <item><c>notifications/resources/updated</c> reaches the sessions subscribed (<c>resources/subscribe</c>) to its
/// URI, and nobody else: the subscription is the tie, and the message names only what the subscriber named.</item>
/// <item>A message naming a task (<c>_meta["io.modelcontextprotocol/related-task"]</c>, or the <c>taskId</c> of
/// <c>notifications/tasks/status</c>) or a URL elicitation (<c>notifications/elicitation/complete</c>) that one
/// session started reaches that session.</item>
/// <item>While exactly one session has requests in flight, the message is that session's, and only that session's:
/// it travels on the stream of the session's latest request when that stream is open, else on the session's own.</item>
/// <item>Otherwise (several sessions' requests in flight, or none) nobody can be tied to it. A log message
/// (<c>notifications/message</c>) reaches only the sessions that sent <c>logging/setLevel</c>; any other notification
/// reaches nobody. A server request goes to the session of the latest request in flight when every request in flight
/// has the same subject; with none in flight it goes to the most recently active session only when the proxy has no
/// OIDC (one anonymous principal). Otherwise the bridge answers the server with an error instead of guessing. A
/// server request is never guessed onto (or away from) a 2026-07-28 call: while such a call is in flight beside any
/// other request, a server request the transport did not tie to its request (see <c>RelatedRequestTag</c>) is refused.</item>
/// </list>
/// <para>Under OIDC, whenever every request in flight belongs to one subject, a message that rule 5 delivers reaches
/// only that subject's sessions; when the requests in flight belong to several subjects, or none is in flight, it
/// reaches only sessions that asked for it. A session that set a log level gets no log message below that level,
/// whichever rule delivered it (the shared server has only one level: the last one any session set).</para>
/// </remarks>
internal sealed class NotificationRouter
{
    /// <summary>The <c>_meta</c> key that ties a message to a task (MCP 2025-11-25).</summary>
    public const string RelatedTaskKey = "io.modelcontextprotocol/related-task";

    private const int MaxSubscriptionsPerSession = 1_000;
    private const int MaxRelatedIds = 10_000;

    // In severity order, as RFC 5424 (and MCP) lists them.
    private static readonly string[] s_levels = ["debug", "info", "notice", "warning", "error", "critical", "alert", "emergency"];

    private readonly Lock _gate = new();
    private readonly Dictionary<McpSession, int> _logLevels = [];
    private readonly Dictionary<McpSession, HashSet<string>> _subscriptions = [];
    private readonly Dictionary<string, McpSession> _related = new(StringComparer.Ordinal);
    private readonly Queue<string> _relatedOrder = new();

    /// <summary>Notes what a client request asks for: a log level, a subscription, the end of one.</summary>
    public void OnClientRequest(McpSession session, string method, JsonObject? parameters)
    {
        switch (method)
        {
            case "logging/setLevel" when Severity(parameters?["level"]) is { } level:
                lock (_gate)
                {
                    ForgetEnded();
                    _logLevels[session] = level;
                }

                break;
            case "resources/subscribe" when Text(parameters?["uri"]) is { } uri:
                lock (_gate)
                {
                    ForgetEnded();
                    if (!_subscriptions.TryGetValue(session, out var uris))
                    {
                        _subscriptions[session] = uris = new HashSet<string>(StringComparer.Ordinal);
                    }

                    if (uris.Count < MaxSubscriptionsPerSession)
                    {
                        uris.Add(uri);
                    }
                }

                break;
            case "resources/unsubscribe" when Text(parameters?["uri"]) is { } uri:
                lock (_gate)
                {
                    if (_subscriptions.TryGetValue(session, out var uris))
                    {
                        uris.Remove(uri);
                    }
                }

                break;
        }
    }

    /// <summary>A request of <paramref name="session"/> became a task: messages about that task are its.</summary>
    public void TaskStarted(string taskId, McpSession session) => Relate("task:" + taskId, session);

    /// <summary>A URL elicitation went to <paramref name="session"/>: its completion notice is that session's.</summary>
    public void ElicitationStarted(string elicitationId, McpSession session) => Relate("elicitation:" + elicitationId, session);

    /// <summary>Where a server notification other than progress or cancelled goes.</summary>
    public NotificationRoute RouteNotification(string method, JsonObject? parameters, IReadOnlyCollection<InFlightRequest> inFlight)
    {
        if (method.StartsWith("notifications/", StringComparison.Ordinal) && method.EndsWith("/list_changed", StringComparison.Ordinal))
        {
            return NotificationRoute.Everyone;
        }

        if (method == "notifications/resources/updated")
        {
            return NotificationRoute.To(Subscribers(Text(parameters?["uri"])));
        }

        var level = method == "notifications/message" ? Severity(parameters?["level"]) : null;
        var summary = InFlightSummary.Of(inFlight);
        var owner = RelatedSession(method, parameters) ?? summary.Only;
        if (owner is not null)
        {
            return Wants(owner, level) ? NotificationRoute.To([SinkOf(owner, inFlight)]) : NotificationRoute.Nobody;
        }

        if (method != "notifications/message")
        {
            return NotificationRoute.Nobody;
        }

        var sinks = new List<MessageSink>();
        lock (_gate)
        {
            foreach (var (session, _) in _logLevels)
            {
                if (IsLive(session) && (!summary.OneSubject || session.Owner == summary.Subject) && WantsLocked(session, level))
                {
                    sinks.Add(session);
                }
            }
        }

        return NotificationRoute.To(sinks);
    }

    /// <summary>
    /// Which session answers a server request; null when it cannot be tied to one without guessing across subjects.
    /// <paramref name="mostRecentlyActive"/> is asked only when no request is in flight.
    /// </summary>
    public ServerRequestRoute? RouteServerRequest(
        JsonObject? parameters, IReadOnlyCollection<InFlightRequest> inFlight, Func<McpSession?> mostRecentlyActive)
    {
        var summary = InFlightSummary.Of(inFlight);
        var related = RelatedSession("", parameters);
        if (related is null && summary.Count > 1 && inFlight.Any(r => r.Session.Kind == SessionKind.Stateless && IsLive(r.Session)))
        {
            // 2026-07-28 calls share their caller's stateless session, and their input requests must reach the very
            // call they belong to: with other requests in flight, nothing on the wire says which one that is.
            return null;
        }

        var session = related ?? summary.Only ?? (summary.OneSubject ? summary.Latest : null);
        if (session is not null)
        {
            return new ServerRequestRoute(session, SinkOf(session, inFlight));
        }

        if (summary.Count == 0 && mostRecentlyActive() is { Owner: null } anonymous && IsLive(anonymous))
        {
            return new ServerRequestRoute(anonymous, anonymous);
        }

        return null;
    }

    private static bool IsLive(McpSession session) => !session.Ended.IsCancellationRequested;

    /// <summary>The stream of the session's latest request that still takes related messages, else the session's own.</summary>
    private static MessageSink SinkOf(McpSession session, IReadOnlyCollection<InFlightRequest> inFlight)
    {
        MessageSink sink = session;
        var latest = long.MinValue;
        foreach (var request in inFlight)
        {
            if (request.Session == session && request.Order > latest && request.Sink.AcceptsRelated)
            {
                latest = request.Order;
                sink = request.Sink;
            }
        }

        return sink;
    }

    private McpSession? RelatedSession(string method, JsonObject? parameters)
    {
        string? key = null;
        if (Text((parameters?["_meta"] as JsonObject)?[RelatedTaskKey]?["taskId"]) is { } relatedTask)
        {
            key = "task:" + relatedTask;
        }
        else if (method == "notifications/tasks/status" && Text(parameters?["taskId"]) is { } taskId)
        {
            key = "task:" + taskId;
        }
        else if (method == "notifications/elicitation/complete" && Text(parameters?["elicitationId"]) is { } elicitationId)
        {
            key = "elicitation:" + elicitationId;
        }

        if (key is null)
        {
            return null;
        }

        lock (_gate)
        {
            return _related.TryGetValue(key, out var session) && IsLive(session) ? session : null;
        }
    }

    private void Relate(string key, McpSession session)
    {
        lock (_gate)
        {
            if (_related.TryAdd(key, session))
            {
                _relatedOrder.Enqueue(key);
            }

            // Bounded: the oldest ties are forgotten first (their messages then route like any untied one).
            while (_relatedOrder.Count > MaxRelatedIds)
            {
                _related.Remove(_relatedOrder.Dequeue());
            }
        }
    }

    private List<MessageSink> Subscribers(string? uri)
    {
        var sinks = new List<MessageSink>();
        if (uri is null)
        {
            return sinks;
        }

        lock (_gate)
        {
            foreach (var (session, uris) in _subscriptions)
            {
                if (IsLive(session) && uris.Contains(uri))
                {
                    sinks.Add(session);
                }
            }
        }

        return sinks;
    }

    private bool Wants(McpSession session, int? level)
    {
        lock (_gate)
        {
            return WantsLocked(session, level);
        }
    }

    private bool WantsLocked(McpSession session, int? level) =>
        level is null || !_logLevels.TryGetValue(session, out var least) || level >= least;

    /// <summary>Drops what ended sessions asked for; called as sessions ask, so the maps stay as large as the live set.</summary>
    private void ForgetEnded()
    {
        foreach (var session in _logLevels.Keys.Where(s => !IsLive(s)).ToList())
        {
            _logLevels.Remove(session);
        }

        foreach (var session in _subscriptions.Keys.Where(s => !IsLive(s)).ToList())
        {
            _subscriptions.Remove(session);
        }
    }

    private static int? Severity(JsonNode? level) => Text(level) is { } name && Array.IndexOf(s_levels, name) is >= 0 and var index ? index : null;

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue(out string? text) ? text : null;

    /// <summary>Who has requests in flight: the one session, or else whether they all share one subject.</summary>
    private readonly record struct InFlightSummary(int Count, McpSession? Only, McpSession? Latest, bool OneSubject, string? Subject)
    {
        public static InFlightSummary Of(IReadOnlyCollection<InFlightRequest> inFlight)
        {
            var count = 0;
            McpSession? only = null;
            var several = false;
            InFlightRequest? latest = null;
            var oneSubject = true;
            foreach (var request in inFlight)
            {
                if (!IsLive(request.Session))
                {
                    continue;
                }

                count++;
                if (only is null && !several)
                {
                    only = request.Session;
                }
                else if (request.Session != only)
                {
                    several = true;
                }

                if (latest is { } seen && request.Session.Owner != seen.Session.Owner)
                {
                    oneSubject = false;
                }

                if (latest is null || request.Order > latest.Value.Order)
                {
                    latest = request;
                }
            }

            return new InFlightSummary(
                count, several ? null : only, latest?.Session, count > 0 && oneSubject, latest?.Session.Owner);
        }
    }
}
