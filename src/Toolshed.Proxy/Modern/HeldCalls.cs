namespace Toolshed.Proxy.Modern;

/// <summary>
/// The modern calls whose upstream request waits for the client's input (multi round-trip requests), found by the
/// handle in their <c>requestState</c>. Bounded in number (<see cref="MaxHeld"/>) and in time (<see cref="Ttl"/>):
/// a call its client does not come back to in time is cancelled upstream, and its state then fails as expired.
/// </summary>
internal sealed class HeldCalls(TimeProvider timeProvider, TimeSpan ttl) : IDisposable
{
    public const int MaxHeld = 256;

    public static readonly TimeSpan DefaultTtl = TimeSpan.FromMinutes(5);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, (ModernExchange Exchange, ITimer Timer)> _held = new(StringComparer.Ordinal);

    public TimeSpan Ttl => ttl;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _held.Count;
            }
        }
    }

    public DateTimeOffset ExpiryFromNow() => timeProvider.GetUtcNow() + ttl;

    /// <summary>Holds <paramref name="exchange"/> (or keeps holding it); false when the table is full.</summary>
    public bool TryHold(ModernExchange exchange)
    {
        lock (_gate)
        {
            if (_held.ContainsKey(exchange.Handle))
            {
                return true;
            }

            if (_held.Count >= MaxHeld)
            {
                return false;
            }

            var timer = timeProvider.CreateTimer(
                static state =>
                {
                    var (calls, held) = ((HeldCalls, ModernExchange))state!;
                    calls.Expired(held);
                },
                (this, exchange),
                ttl,
                Timeout.InfiniteTimeSpan);
            _held[exchange.Handle] = (exchange, timer);
            return true;
        }
    }

    /// <summary>Starts the call's time again: it was just asked for (more) input.</summary>
    public void Touch(ModernExchange exchange)
    {
        lock (_gate)
        {
            if (_held.TryGetValue(exchange.Handle, out var entry))
            {
                entry.Timer.Change(ttl, Timeout.InfiniteTimeSpan);
            }
        }
    }

    public ModernExchange? Find(string handle)
    {
        lock (_gate)
        {
            return _held.TryGetValue(handle, out var entry) ? entry.Exchange : null;
        }
    }

    public void Release(ModernExchange exchange)
    {
        lock (_gate)
        {
            if (_held.Remove(exchange.Handle, out var entry))
            {
                entry.Timer.Dispose();
            }
        }
    }

    /// <summary>The session of these calls ended (the endpoint stops): they will never be resumed.</summary>
    public void ExpireAllOf(Sessions.McpSession session)
    {
        List<ModernExchange> ended;
        lock (_gate)
        {
            ended = [.. _held.Values.Select(e => e.Exchange).Where(e => e.Session == session)];
        }

        foreach (var exchange in ended)
        {
            Expired(exchange);
        }
    }

    public void Dispose()
    {
        List<ModernExchange> all;
        lock (_gate)
        {
            all = [.. _held.Values.Select(e => e.Exchange)];
            foreach (var (_, timer) in _held.Values)
            {
                timer.Dispose();
            }

            _held.Clear();
        }

        foreach (var exchange in all)
        {
            exchange.Expire();
        }
    }

    private void Expired(ModernExchange exchange)
    {
        Release(exchange);
        exchange.Expire();
    }
}
