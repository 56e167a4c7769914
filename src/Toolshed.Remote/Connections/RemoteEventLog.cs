namespace Toolshed.Remote.Connections;

/// <summary>
/// What happened on one remote workload's connection (connected, transport detected, needs sign-in, token refreshed,
/// refused), as `shed logs` shows it: the last <see cref="Capacity"/> events, timestamped. Never a token or a header value.
/// </summary>
internal sealed class RemoteEventLog(TimeProvider time)
{
    public const int Capacity = 500;

    private readonly Lock _gate = new();
    private readonly Queue<(long Sequence, string Text)> _events = new();
    private long _next;

    public void Add(string text)
    {
        lock (_gate)
        {
            _events.Enqueue((_next++, $"{time.GetUtcNow():yyyy-MM-ddTHH:mm:ss.fffZ} {text}"));
            while (_events.Count > Capacity)
            {
                _events.Dequeue();
            }
        }
    }

    /// <summary>The events from <paramref name="after"/> on (all when null), the last <paramref name="tail"/> of them.</summary>
    public IReadOnlyList<(long Sequence, string Text)> Read(long? after, int? tail)
    {
        lock (_gate)
        {
            var events = _events.Where(e => after is null || e.Sequence > after).ToList();
            return tail is { } n && events.Count > n ? events[^n..] : events;
        }
    }
}
