using Toolshed.Server.Clients;

namespace Toolshed.Server.Ui;

/// <summary>Turns the supervisor's workload events into one signal the live feed waits on (it depends on nothing, so
/// the supervisor can tell it without a dependency cycle).</summary>
internal sealed class WorkloadChangeSignal : IWorkloadEvents, IDisposable
{
    private readonly SemaphoreSlim _changed = new(0, 1);

    public Task WorkloadStartedAsync(string workloadName, int port, CancellationToken cancellationToken) => Raise();

    public Task WorkloadRemovedAsync(string workloadName, CancellationToken cancellationToken) => Raise();

    public Task WorkloadStoppedAsync(string workloadName, CancellationToken cancellationToken) => Raise();

    public Task WorkloadToolsChangedAsync(string workloadName, CancellationToken cancellationToken) => Raise();

    /// <summary>Something changed outside the supervisor's events (a create, a stop through the API).</summary>
    public Task Raise()
    {
        if (_changed.CurrentCount == 0)
        {
            try
            {
                _changed.Release();
            }
            catch (SemaphoreFullException)
            {
                // Raised twice at once: one wake-up is all the feed needs.
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Waits for a change, or <paramref name="timeout"/>; true when something changed.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _changed.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _changed.Dispose();
}
