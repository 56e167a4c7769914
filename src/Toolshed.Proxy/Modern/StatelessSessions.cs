using System.Text.Json.Nodes;
using Toolshed.Proxy.Protocol;
using Toolshed.Proxy.Sessions;

namespace Toolshed.Proxy.Modern;

/// <summary>
/// The sessions 2026-07-28 requests travel on to a 2025-era handler: one per caller (the token's subject, or one for
/// all when the endpoint takes no tokens), initialized once by the proxy with every client capability, so the stdio
/// bridge or the group sees a session like any other. At most <see cref="MaxSubjects"/>; the least recently used idle
/// one ends to make room. What the handler sends such a session on its own (list changes, resource updates) goes to
/// the caller's <c>subscriptions/listen</c> streams.
/// </summary>
internal sealed class StatelessSessions(ModernTranslator translator, SessionStore store, TimeProvider timeProvider)
{
    public const int MaxSubjects = 64;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _bySubject = new(StringComparer.Ordinal);

    /// <summary>The key of <paramref name="subject"/>'s streams and session.</summary>
    public static string KeyOf(string? subject) => subject ?? "";

    public async ValueTask<McpSession> GetAsync(string? subject, CancellationToken cancellationToken)
    {
        Entry entry;
        lock (_gate)
        {
            var key = KeyOf(subject);
            if (!_bySubject.TryGetValue(key, out entry!) || entry.Session.Ended.IsCancellationRequested)
            {
                var session = store.Create(SessionKind.Stateless);
                session.Owner = subject;
                session.ProtocolVersion = ModernProtocol.Version;
                entry = new Entry(session, key);
                _bySubject[key] = entry;
                _ = Task.Run(() => PumpAsync(entry), CancellationToken.None);
                MakeRoom();
            }

            entry.Session.Touch(timeProvider.GetTimestamp());
        }

        if (!entry.Initialized)
        {
            await InitializeAsync(entry, cancellationToken);
        }

        return entry.Session;
    }

    public void EndAll()
    {
        List<Entry> all;
        lock (_gate)
        {
            all = [.. _bySubject.Values];
            _bySubject.Clear();
        }

        foreach (var entry in all)
        {
            store.Remove(entry.Session.Id);
        }
    }

    private async Task InitializeAsync(Entry entry, CancellationToken cancellationToken)
    {
        await entry.Initializing.WaitAsync(cancellationToken);
        try
        {
            if (entry.Initialized)
            {
                return;
            }

            var answer = await translator.RequestAsync(entry.Session, "initialize", InitializeParams(), cancellationToken);
            if (answer?["result"] is JsonObject result)
            {
                translator.Facts = ServerFacts.From(result);
                entry.Initialized = true;
            }
        }
        finally
        {
            entry.Initializing.Release();
        }
    }

    /// <summary>What the proxy's session offers: everything a client may (what a request did not declare is refused on
    /// its behalf when the server asks for it).</summary>
    public static JsonObject InitializeParams() => new()
    {
        ["protocolVersion"] = McpProtocol.Latest,
        ["capabilities"] = new JsonObject
        {
            ["sampling"] = new JsonObject(),
            ["elicitation"] = new JsonObject(),
            ["roots"] = new JsonObject { ["listChanged"] = true },
        },
        ["clientInfo"] = new JsonObject { ["name"] = $"toolshed ({ModernProtocol.Version} clients)", ["version"] = "0.1.0" },
    };

    private async Task PumpAsync(Entry entry)
    {
        await foreach (var bytes in entry.Session.Outbound.ReadAllAsync())
        {
            if (JsonNode.Parse(bytes.Span) is JsonObject message)
            {
                await translator.OnSessionMessageAsync(entry.Session, entry.Key, message);
            }
        }

        // The session ended (the endpoint stops, or it made room for another caller): nothing it holds can go on.
        translator.Held.ExpireAllOf(entry.Session);
        translator.Listeners.CloseSubject(entry.Key);
    }

    private void MakeRoom()
    {
        while (_bySubject.Count > MaxSubjects)
        {
            var idle = _bySubject.Values.Where(e => e.Session.InFlight == 0).MinBy(e => e.Session.LastActivity);
            if (idle is null)
            {
                return;
            }

            _bySubject.Remove(idle.Key);
            store.Remove(idle.Session.Id);
        }
    }

    private sealed class Entry(McpSession session, string key)
    {
        public McpSession Session { get; } = session;

        public string Key { get; } = key;

        private volatile bool _initialized;

        public SemaphoreSlim Initializing { get; } = new(1, 1);

        public bool Initialized
        {
            get => _initialized;
            set => _initialized = value;
        }
    }
}
