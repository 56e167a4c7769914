using Toolshed.Server.Clients;

namespace Toolshed.Server.Tests.Workloads.Lifecycle;

/// <summary>Records what observers were told, one line per event.</summary>
internal sealed class RecordingEvents : IWorkloadEvents
{
    private readonly Lock _lock = new();
    private readonly List<string> _events = [];

    public IReadOnlyList<string> Events
    {
        get
        {
            lock (_lock)
            {
                return [.. _events];
            }
        }
    }

    public Task WorkloadStartedAsync(string workloadName, int port, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _events.Add($"started {workloadName} {port}");
        }

        return Task.CompletedTask;
    }

    public Task WorkloadRemovedAsync(string workloadName, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _events.Add($"removed {workloadName}");
        }

        return Task.CompletedTask;
    }
}
