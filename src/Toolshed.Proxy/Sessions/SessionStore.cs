using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Toolshed.Proxy.Sessions;

/// <summary>
/// The live sessions of one proxy, keyed by their unguessable ids; at most <paramref name="maxSessions"/> of them, so
/// clients that initialize and never come back cannot grow the proxy without bound.
/// </summary>
internal sealed class SessionStore(TimeProvider timeProvider, TimeSpan idleTimeout, int maxSessions = WorkloadProxyOptions.DefaultMaxSessions)
{
    private readonly ConcurrentDictionary<string, McpSession> _sessions = new(StringComparer.Ordinal);
    private long _evicted;

    public int Count => _sessions.Count;

    /// <summary>Told of each client session that ends, with how long it lasted (the proxy's own stateless ones left out).</summary>
    public Action<McpSession, TimeSpan>? Ended { get; set; }

    /// <summary>The sessions clients opened (the proxy's own stateless ones, which carry 2026-07-28 requests, left out).</summary>
    public int ClientCount => _sessions.Values.Count(s => s.Kind != SessionKind.Stateless);

    /// <summary>How many sessions were ended to make room for new ones.</summary>
    public long Evicted => Interlocked.Read(ref _evicted);

    public McpSession Create(SessionKind kind)
    {
        while (true)
        {
            // 128 random bits from the OS CSPRNG: a session id is a capability, it must not be guessable.
            var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            var session = new McpSession(id, kind, timeProvider.GetTimestamp());
            if (_sessions.TryAdd(id, session))
            {
                while (_sessions.Count > maxSessions && EvictOne(except: session))
                {
                }

                return session;
            }
        }
    }

    public SessionLookup TryGet(string? id, out McpSession? session)
    {
        session = null;
        if (string.IsNullOrEmpty(id))
        {
            return SessionLookup.Missing;
        }

        if (!_sessions.TryGetValue(id, out var found))
        {
            return SessionLookup.Unknown;
        }

        if (IsIdle(found, timeProvider.GetTimestamp()))
        {
            Remove(id);
            return SessionLookup.Unknown;
        }

        found.Touch(timeProvider.GetTimestamp());
        session = found;
        return SessionLookup.Found;
    }

    public bool Remove(string id)
    {
        if (_sessions.TryRemove(id, out var session))
        {
            session.End();
            if (session.Kind != SessionKind.Stateless)
            {
                Ended?.Invoke(session, timeProvider.GetElapsedTime(session.CreatedAt));
            }

            return true;
        }

        return false;
    }

    /// <summary>Forgets every session idle past the timeout; returns how many went.</summary>
    public int RemoveIdle()
    {
        var now = timeProvider.GetTimestamp();
        var removed = 0;
        foreach (var (id, session) in _sessions)
        {
            if (IsIdle(session, now) && Remove(id))
            {
                removed++;
            }
        }

        return removed;
    }

    /// <summary>
    /// Ends the least recently active session to make room: one with no open stream and no request in flight when
    /// there is such a one, else any. Its client gets 404 next time and initializes again, as after an expiry.
    /// </summary>
    private bool EvictOne(McpSession except)
    {
        McpSession? oldest = null;
        foreach (var session in _sessions.Values)
        {
            if (session == except || session.Kind == SessionKind.Stateless)
            {
                continue;
            }

            var busy = session.HasOpenStream || session.InFlight > 0;
            var oldestBusy = oldest is not null && (oldest.HasOpenStream || oldest.InFlight > 0);
            if (oldest is null || (oldestBusy && !busy) || (oldestBusy == busy && session.LastActivity < oldest.LastActivity))
            {
                oldest = session;
            }
        }

        if (oldest is null || !Remove(oldest.Id))
        {
            return oldest is not null;
        }

        Interlocked.Increment(ref _evicted);
        return true;
    }

    /// <summary>Sends one message to every session's outbound stream.</summary>
    public void Broadcast(ReadOnlyMemory<byte> message)
    {
        foreach (var session in _sessions.Values)
        {
            session.WriteRelated(message);
        }
    }

    /// <summary>The session best placed to answer a server request: busy ones first, then the most recently active.</summary>
    public McpSession? PickForServerRequest()
    {
        McpSession? best = null;
        foreach (var session in _sessions.Values)
        {
            if (best is null
                || (session.InFlight > 0 && best.InFlight == 0)
                || ((session.InFlight > 0) == (best.InFlight > 0) && session.LastActivity > best.LastActivity))
            {
                best = session;
            }
        }

        return best;
    }

    public void Clear()
    {
        foreach (var id in _sessions.Keys)
        {
            Remove(id);
        }
    }

    private bool IsIdle(McpSession session, long now) =>
        session.Kind == SessionKind.StreamableHttp
        && !session.HasOpenStream
        && session.InFlight == 0
        && timeProvider.GetElapsedTime(session.LastActivity, now) > idleTimeout;
}
