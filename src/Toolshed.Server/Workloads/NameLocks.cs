using System.Collections.Concurrent;

namespace Toolshed.Server.Workloads;

/// <summary>One async lock per workload name: operations on one workload are serialized, others run in parallel.</summary>
internal sealed class NameLocks
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);

    public async Task<IDisposable> AcquireAsync(string name, CancellationToken cancellationToken)
    {
        var semaphore = _locks.GetOrAdd(name, _ => new SemaphoreSlim(1, 1));
        await semaphore.WaitAsync(cancellationToken);
        return new Releaser(semaphore);
    }

    /// <summary>True while some operation holds the lock of <paramref name="name"/>.</summary>
    public bool IsHeld(string name) => _locks.TryGetValue(name, out var semaphore) && semaphore.CurrentCount == 0;

    private sealed class Releaser(SemaphoreSlim semaphore) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                semaphore.Release();
            }
        }
    }
}
