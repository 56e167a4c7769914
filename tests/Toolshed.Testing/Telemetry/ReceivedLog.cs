namespace Toolshed.Testing.Telemetry;

/// <summary>
/// What a test server received, in arrival order, and waits for a condition on it: each addition completes the
/// current "changed" signal and arms a new one, so a waiter re-checks only when something arrived (no polling).
/// </summary>
internal sealed class ReceivedLog<T>
{
    private readonly Lock _gate = new();
    private readonly List<T> _items = [];
    private TaskCompletionSource _changed = NewSignal();

    public IReadOnlyList<T> Snapshot()
    {
        lock (_gate)
        {
            return [.. _items];
        }
    }

    public void Add(IEnumerable<T> items)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            _items.AddRange(items);
            changed = _changed;
            _changed = NewSignal();
        }

        changed.TrySetResult();
    }

    /// <summary>
    /// The items once <paramref name="until"/> holds for them; a <see cref="TimeoutException"/> whose message
    /// <paramref name="describe"/> writes from what arrived when the time is up.
    /// </summary>
    public async Task<IReadOnlyList<T>> WaitAsync(
        Func<IReadOnlyList<T>, bool> until,
        TimeSpan timeout,
        Func<IReadOnlyList<T>, string> describe,
        CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        while (true)
        {
            IReadOnlyList<T> snapshot;
            Task changed;
            lock (_gate)
            {
                snapshot = [.. _items];
                changed = _changed.Task;
            }

            if (until(snapshot))
            {
                return snapshot;
            }

            try
            {
                await changed.WaitAsync(limit.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException(describe(Snapshot()));
            }
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
