namespace Toolshed.Core.Runtime;

/// <summary>A workload the runtime brought up: its instance and the upstream its proxy attaches to. Disposing it
/// releases the connection (a stdio attach), not the instance.</summary>
public sealed class LaunchedWorkload(string instanceId, WorkloadUpstream upstream) : IAsyncDisposable
{
    public string InstanceId { get; } = instanceId;

    public WorkloadUpstream Upstream { get; } = upstream;

    public ValueTask DisposeAsync() => Upstream is StdioUpstream stdio ? stdio.Channel.DisposeAsync() : ValueTask.CompletedTask;
}
