namespace Toolshed.Server.Reconciliation;

/// <summary>Per-workload restart back-off: 1 s doubling to a cap, reset once the workload has been stable.</summary>
internal sealed class RestartBackoff(ReconcilerOptions options)
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>True when a restart of <paramref name="name"/> may be tried now; the next try then waits twice as long.</summary>
    public bool TryBegin(string name, DateTimeOffset now)
    {
        if (_entries.TryGetValue(name, out var entry) && now < entry.NotBefore)
        {
            return false;
        }

        var delay = entry is null ? options.InitialBackoff : TimeSpan.FromTicks(Math.Min(entry.Delay.Ticks * 2, options.MaxBackoff.Ticks));
        _entries[name] = new Entry(now + delay, delay, now);
        return true;
    }

    /// <summary>The workload runs: forget its back-off once it has been up long enough.</summary>
    public void ObserveRunning(string name, DateTimeOffset now)
    {
        if (_entries.TryGetValue(name, out var entry) && now - entry.LastAttempt >= options.StableAfter)
        {
            _entries.Remove(name);
        }
    }

    public void Forget(string name) => _entries.Remove(name);

    private sealed record Entry(DateTimeOffset NotBefore, TimeSpan Delay, DateTimeOffset LastAttempt);
}
