using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Toolshed.Proxy.Stdio;

/// <summary>
/// What the multiplexer has open with its server, under the proxy's own ids: the clients' requests the server has not
/// answered (with their progress tokens) and the server's requests a client has not answered. One owner for the
/// bookkeeping every path shares (send, answer, progress, cancel, deadline, server exit), so an entry is added and
/// taken in one place and taking it undoes everything adding it did.
/// </summary>
internal sealed class RequestTable
{
    private const string ProxyTokenPrefix = "toolshed-";
    private const string ServerRequestPrefix = "toolshed-s";

    private readonly ConcurrentDictionary<long, PendingRequest> _pending = new();
    private readonly ConcurrentDictionary<string, PendingRequest> _progressTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ServerRequest> _serverRequests = new(StringComparer.Ordinal);
    private long _nextId;

    public int PendingCount => _pending.Count;

    /// <summary>A fresh id for a request the proxy sends to the server.</summary>
    public long NextId() => Interlocked.Increment(ref _nextId);

    /// <summary>The proxy's own progress token for the request sent as <paramref name="proxyId"/>: clients choose
    /// theirs independently, so the proxy's keep two sessions' tokens apart.</summary>
    public static string ProgressTokenFor(long proxyId) => ProxyTokenPrefix + proxyId.ToString(CultureInfo.InvariantCulture);

    /// <summary>Records a request about to be written under <paramref name="proxyId"/> (and its progress token, if any).</summary>
    public void Add(long proxyId, PendingRequest pending)
    {
        ArgumentNullException.ThrowIfNull(pending);
        if (pending.ProxyProgressToken is { } token)
        {
            _progressTokens[token] = pending;
        }

        _pending[proxyId] = pending;
    }

    /// <summary>Takes the request answered (or given up) under <paramref name="proxyId"/>: its deadline stops, its
    /// progress token and its client id are forgotten, its session counts one request fewer. False when it was taken
    /// already (answered, timed out or failed meanwhile).</summary>
    public bool TryTake(long proxyId, out PendingRequest pending)
    {
        if (!_pending.TryRemove(proxyId, out pending!))
        {
            return false;
        }

        pending.Deadline?.Dispose();
        if (pending.ProxyProgressToken is { } token)
        {
            _progressTokens.TryRemove(token, out _);
        }

        if (pending.Session is { } session)
        {
            if (pending.ClientIdKey is { } key)
            {
                session.ClientIds.TryRemove(new KeyValuePair<string, long>(key, proxyId));
            }

            session.RequestEnded();
        }

        return true;
    }

    /// <summary>The request still waiting under <paramref name="proxyId"/>, left in place.</summary>
    public bool TryGet(long proxyId, out PendingRequest pending) => _pending.TryGetValue(proxyId, out pending!);

    public bool TryGetByProgressToken(string proxyToken, out PendingRequest pending) =>
        _progressTokens.TryGetValue(proxyToken, out pending!);

    /// <summary>The clients' requests the server has not answered yet, for routing its notifications and requests.</summary>
    public List<InFlightRequest> InFlight()
    {
        var requests = new List<InFlightRequest>(_pending.Count);
        foreach (var (proxyId, pending) in _pending)
        {
            if (pending.Session is { } session && pending.Sink is { } sink)
            {
                requests.Add(new InFlightRequest(session, sink, proxyId));
            }
        }

        return requests;
    }

    /// <summary>Takes every request still waiting on <paramref name="backend"/> (it exited or was detached) and forgets
    /// the server requests it made; the caller answers the taken ones.</summary>
    public List<PendingRequest> TakeAll(BackendAttachment backend)
    {
        var taken = new List<PendingRequest>();
        foreach (var (proxyId, pending) in _pending)
        {
            if (pending.Backend == backend && TryTake(proxyId, out _))
            {
                taken.Add(pending);
            }
        }

        foreach (var (key, request) in _serverRequests)
        {
            if (request.Backend == backend)
            {
                _serverRequests.TryRemove(key, out _);
            }
        }

        return taken;
    }

    /// <summary>Remembers a request of the server's until a client answers it; returns the id the client sees.</summary>
    public string AddServerRequest(ServerRequest request)
    {
        var key = ServerRequestPrefix + NextId().ToString(CultureInfo.InvariantCulture);
        _serverRequests[key] = request;
        return key;
    }

    public bool TryTakeServerRequest(string key, out ServerRequest request) => _serverRequests.TryRemove(key, out request!);

    /// <summary>Takes the server request the server itself gave up on, found by the server's own id.</summary>
    public bool TryTakeServerRequestByServerId(JsonNode serverId, out string key, out ServerRequest request)
    {
        foreach (var (candidate, entry) in _serverRequests)
        {
            if (JsonNode.DeepEquals(entry.ServerId, serverId) && _serverRequests.TryRemove(candidate, out request!))
            {
                key = candidate;
                return true;
            }
        }

        key = "";
        request = null!;
        return false;
    }
}
