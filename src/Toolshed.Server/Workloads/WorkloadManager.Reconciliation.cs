using Microsoft.Extensions.Logging;
using Toolshed.Core.Workloads;
using Toolshed.Runtime.Docker.Engine;

namespace Toolshed.Server.Workloads;

/// <summary>What the reconciler asks of the manager: the engine's view of this daemon's containers, reviving a
/// workload that should run, and removing what no workload claims.</summary>
public sealed partial class WorkloadManager
{
    /// <summary>
    /// Serves a workload that should run but is not served: adopts its running container (daemon restart), or
    /// restarts an exited one (a crash: counted, exit code kept), or creates a missing one.
    /// </summary>
    internal async Task ReviveAsync(string name, ContainerDetails? observed, CancellationToken cancellationToken)
    {
        using var _ = await _locks.AcquireAsync(name, cancellationToken);
        var record = await _store.GetAsync(name, cancellationToken);
        if (record is not { DesiredState: WorkloadDesiredState.Running })
        {
            return;
        }

        var container = record.ContainerId is null ? null : await _runtime.InspectContainerAsync(record.ContainerId, cancellationToken);
        var wasLive = _live.TryRemove(name, out var live);
        if (wasLive && container is { IsRunning: true } && live!.Stdio is not null == (record.Spec.Transport == McpTransport.Stdio))
        {
            _live[name] = live;
            // Still served; only its egress sidecar may have stopped, and the workload has no way out until it is back.
            await _launcher.EnsureEgressAsync(record.Spec, cancellationToken);
            return;
        }

        if (live is not null)
        {
            await live.DisposeAsync();
        }

        if (container is { IsRunning: false })
        {
            record = record with { RestartCount = record.RestartCount + 1, LastExitCode = container.ExitCode ?? observed?.ExitCode };
            LogCrashed(name, record.LastExitCode ?? -1, record.RestartCount);
        }

        record = await StartRecordAsync(record, cancellationToken);
        LogRevived(name, record.Spec.ProxyPort);
        await NotifyAsync(name, observer => observer.WorkloadStartedAsync(name, record.Spec.ProxyPort, CancellationToken.None));
    }

    /// <summary>Removes a labelled container of ours that no stored workload claims (left by a crash or a delete),
    /// with its egress sidecar and network when it had them.</summary>
    internal async Task RemoveUnclaimedAsync(string name, string? containerId, CancellationToken cancellationToken)
    {
        using var _ = await _locks.AcquireAsync(name, cancellationToken);
        if (await _store.GetAsync(name, cancellationToken) is null)
        {
            if (containerId is not null)
            {
                await _runtime.RemoveContainerAsync(containerId, force: true, cancellationToken);
            }

            await _egress.RemoveAsync(name, cancellationToken);
        }
    }

    internal async Task<Dictionary<string, ContainerDetails>> ContainersByWorkloadAsync(CancellationToken cancellationToken) =>
        (await OwnedContainersAsync(cancellationToken)).Workloads;

    /// <summary>This daemon's containers in one engine call: workload containers and egress sidecars, each by workload name.</summary>
    internal async Task<OwnedContainers> OwnedContainersAsync(CancellationToken cancellationToken)
    {
        var containers = await _runtime.ListContainersAsync(_instance.OwnedFilter, all: true, cancellationToken);
        var owned = new OwnedContainers();
        foreach (var container in containers)
        {
            if (container.Labels.TryGetValue(ToolshedLabels.Name, out var name))
            {
                owned.Workloads[name] = container;
            }
            else if (container.Labels.TryGetValue(ToolshedLabels.EgressFor, out var served))
            {
                owned.Sidecars[served] = container;
            }
        }

        return owned;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Workload {WorkloadName} exited with code {ExitCode}; restarting it (restart {RestartCount})")]
    private partial void LogCrashed(string workloadName, long exitCode, int restartCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Workload {WorkloadName} is served again on port {Port}")]
    private partial void LogRevived(string workloadName, int port);
}
