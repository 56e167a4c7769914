using System.Collections.Concurrent;

namespace Toolshed.Server.Workloads.Lifecycle;

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

    /// <summary>The lock of <paramref name="name"/> when it is free now; null while another operation holds it (the
    /// reconciler then leaves the name to its next pass rather than queue behind a long create).</summary>
    public IDisposable? TryAcquire(string name)
    {
        var semaphore = _locks.GetOrAdd(name, _ => new SemaphoreSlim(1, 1));
        return semaphore.Wait(TimeSpan.Zero) ? new Releaser(semaphore) : null;
    }

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
