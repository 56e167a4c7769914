using System.Security.Cryptography;
using Toolshed.Proxy.Auth;

namespace Toolshed.Server.Ui;

/// <summary>
/// The dashboard's sign-ins, in memory only (a restarted daemon signs everyone out): one-time login codes, each
/// exchanged once for a session whose id lives in an HttpOnly cookie. Only SHA-256 hashes of codes and session ids are
/// kept, so neither can be read back out of the store; both are bounded in number and time.
/// </summary>
internal sealed class UiSessionStore(UiSessionOptions options, TimeProvider time)
{
    private const int SecretBytes = 32;
    private const int MaxPresentedLength = 128;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, (AuthenticatedCaller? Caller, DateTimeOffset ExpiresAt)> _links = new(StringComparer.Ordinal);
    private readonly Dictionary<string, UiSession> _sessions = new(StringComparer.Ordinal);

    public UiSessionOptions Options => options;

    public int SessionCount
    {
        get
        {
            lock (_gate)
            {
                return _sessions.Count;
            }
        }
    }

    /// <summary>A new one-time code for <paramref name="caller"/>, and when it stops working.</summary>
    public (string Code, DateTimeOffset ExpiresAt) CreateLink(AuthenticatedCaller? caller)
    {
        var code = NewSecret();
        var expires = time.GetUtcNow() + options.LinkLifetime;
        lock (_gate)
        {
            Prune();
            while (_links.Count >= options.MaxLinks)
            {
                _links.Remove(_links.MinBy(l => l.Value.ExpiresAt).Key);
            }

            _links[Hash(code)] = (caller, expires);
        }

        return (code, expires);
    }

    /// <summary>Spends <paramref name="code"/>: a new session id, or null when the code is unknown, used or expired.</summary>
    public (string SessionId, UiSession Session)? Redeem(string? code)
    {
        if (!IsWellFormed(code))
        {
            return null;
        }

        var now = time.GetUtcNow();
        lock (_gate)
        {
            Prune();
            if (!_links.Remove(Hash(code!), out var link) || link.ExpiresAt <= now)
            {
                return null;
            }

            while (_sessions.Count >= options.MaxSessions)
            {
                _sessions.Remove(_sessions.MinBy(s => s.Value.LastSeen).Key);
            }

            var id = NewSecret();
            var session = new UiSession(Hash(id), link.Caller, now, now + options.AbsoluteLifetime);
            _sessions[session.Key] = session;
            return (id, session);
        }
    }

    /// <summary>The live session <paramref name="sessionId"/> names (and it counts as used now), else null.</summary>
    public UiSession? Find(string? sessionId)
    {
        if (!IsWellFormed(sessionId))
        {
            return null;
        }

        var now = time.GetUtcNow();
        lock (_gate)
        {
            var key = Hash(sessionId!);
            if (!_sessions.TryGetValue(key, out var session))
            {
                return null;
            }

            if (IsOver(session, now))
            {
                _sessions.Remove(key);
                return null;
            }

            session.LastSeen = now;
            return session;
        }
    }

    /// <summary>Ends the session <paramref name="sessionId"/> names, if it is there.</summary>
    public void End(string? sessionId)
    {
        if (IsWellFormed(sessionId))
        {
            lock (_gate)
            {
                _sessions.Remove(Hash(sessionId!));
            }
        }
    }

    private bool IsOver(UiSession session, DateTimeOffset now) =>
        now >= session.ExpiresAt || now - session.LastSeen >= options.IdleTimeout;

    private void Prune()
    {
        var now = time.GetUtcNow();
        foreach (var key in _links.Where(l => l.Value.ExpiresAt <= now).Select(l => l.Key).ToList())
        {
            _links.Remove(key);
        }

        foreach (var key in _sessions.Where(s => IsOver(s.Value, now)).Select(s => s.Key).ToList())
        {
            _sessions.Remove(key);
        }
    }

    private static bool IsWellFormed(string? value) =>
        value is { Length: > 0 and <= MaxPresentedLength } && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static string NewSecret() => Base64Url(RandomNumberGenerator.GetBytes(SecretBytes));

    private static string Hash(string value) => Convert.ToHexString(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(value)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
