using System.Collections.Concurrent;
using Toolshed.Clients;
using Toolshed.Server.Clients;

namespace Toolshed.Server.Tests.Clients;

/// <summary>A readiness probe the test controls: a workload is ready once the test says so.</summary>
internal sealed class FakeReadinessProbe : IWorkloadReadinessProbe
{
    private readonly ConcurrentDictionary<string, bool> _ready = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _asked = new(StringComparer.Ordinal);

    public void SetReady(string workloadName) => _ready[workloadName] = true;

    /// <summary>Completes once the watcher has asked about the workload at least once.</summary>
    public Task AskedAsync(string workloadName) => Asked(workloadName).Task;

    public Task<bool> AnswersInitializeAsync(WorkloadEndpoint workload, CancellationToken cancellationToken)
    {
        Asked(workload.Name).TrySetResult();
        return Task.FromResult(_ready.GetValueOrDefault(workload.Name));
    }

    private TaskCompletionSource Asked(string workloadName) =>
        _asked.GetOrAdd(workloadName, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
