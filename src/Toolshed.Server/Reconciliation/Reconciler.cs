using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Toolshed.Core.Errors;
using Toolshed.Server.Workloads;

namespace Toolshed.Server.Reconciliation;

/// <summary>
/// Brings what the engine runs to what is desired: at start-up it re-adopts running containers (same ports) and
/// starts what should run; afterwards, on every tick, it restarts exited containers with back-off, serves again
/// what an engine restart took away, and removes labelled containers that no workload claims.
/// </summary>
public sealed partial class Reconciler(
    WorkloadManager manager,
    ReconcilerOptions options,
    TimeProvider time,
    ILogger<Reconciler> logger) : BackgroundService
{
    private readonly RestartBackoff _backoff = new(options);
    private bool _engineWasDown;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Interval, time);
        do
        {
            try
            {
                await ReconcileOnceAsync(stoppingToken);
                if (_engineWasDown)
                {
                    _engineWasDown = false;
                    LogEngineBack();
                }
            }
            catch (ContainerEngineUnavailableException ex)
            {
                if (!_engineWasDown)
                {
                    _engineWasDown = true;
                    LogEngineDown(ex.Message);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogReconcileFailed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One pass: compare every stored workload with its container and act on the difference.</summary>
    public async Task ReconcileOnceAsync(CancellationToken cancellationToken)
    {
        var records = await manager.Store.ListAsync(cancellationToken);
        var owned = await manager.OwnedContainersAsync(cancellationToken);
        var containers = owned.Workloads;
        var claimed = records.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);

        foreach (var (name, container) in containers)
        {
            if (!claimed.Contains(name) && !manager.Locks.IsHeld(name))
            {
                LogRemovingUnclaimed(name, container.Id[..Math.Min(12, container.Id.Length)]);
                await manager.RemoveUnclaimedAsync(name, container.Id, cancellationToken);
            }
        }

        foreach (var (name, sidecar) in owned.Sidecars)
        {
            if (!claimed.Contains(name) && !containers.ContainsKey(name) && !manager.Locks.IsHeld(name))
            {
                LogRemovingUnclaimed(name, sidecar.Id[..Math.Min(12, sidecar.Id.Length)]);
                await manager.RemoveUnclaimedAsync(name, containerId: null, cancellationToken);
            }
        }

        // An egress network whose sidecar and workload are both gone (a cleanup cut short) is removed too.
        foreach (var name in await manager.Egress.NetworkOwnersAsync(cancellationToken))
        {
            if (!claimed.Contains(name) && !containers.ContainsKey(name) && !owned.Sidecars.ContainsKey(name) && !manager.Locks.IsHeld(name))
            {
                await manager.RemoveUnclaimedAsync(name, containerId: null, cancellationToken);
            }
        }

        foreach (var record in records.Where(r => r.DesiredState == WorkloadDesiredState.Running))
        {
            var container = containers.GetValueOrDefault(record.Name);
            var now = time.GetUtcNow();
            var live = manager.Live.ContainsKey(record.Name);
            if (live && container is { IsRunning: true } && EgressServed(record, owned))
            {
                _backoff.ObserveRunning(record.Name, now);
                continue;
            }

            if (!_backoff.TryBegin(record.Name, now))
            {
                continue;
            }

            try
            {
                await manager.ReviveAsync(record.Name, container, cancellationToken);
            }
            catch (Exception ex) when (ex is ToolshedException or IOException)
            {
                LogReviveFailed(record.Name, ex.Message);
            }
        }
    }

    /// <summary>Whether a workload that needs an egress sidecar has a running one; a profile that no longer reads as
    /// valid counts as served here (reviving would fail the same way), so one bad record never stops the pass.</summary>
    private static bool EgressServed(WorkloadRecord record, OwnedContainers owned)
    {
        try
        {
            return ContainerSpecFactory.EgressPolicyOf(record.Spec) is null
                || (owned.Sidecars.TryGetValue(record.Name, out var sidecar) && sidecar.IsRunning);
        }
        catch (ToolshedException)
        {
            return true;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The container engine does not answer: {Reason}. Workloads will be served again when it is back.")]
    private partial void LogEngineDown(string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "The container engine answers again")]
    private partial void LogEngineBack();

    [LoggerMessage(Level = LogLevel.Error, Message = "A reconciliation pass failed")]
    private partial void LogReconcileFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removing container {ContainerId} of {WorkloadName}: no workload claims it")]
    private partial void LogRemovingUnclaimed(string workloadName, string containerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not bring {WorkloadName} back yet: {Reason}")]
    private partial void LogReviveFailed(string workloadName, string reason);
}
