using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Toolshed.Core.Errors;
using Toolshed.Server.Workloads.Lifecycle;
using Toolshed.Server.Workloads.Persistence;

namespace Toolshed.Server.Reconciliation;

/// <summary>
/// Brings what the runtime runs to what is desired: at start-up it re-adopts running instances (same ports) and
/// starts what should run; afterwards, on every tick, it restarts exited instances with back-off, serves again
/// what an engine restart took away, and removes what no workload claims. It plans from a snapshot and leaves every
/// change to the <see cref="WorkloadSupervisor"/>, which re-checks under the workload's lock.
/// </summary>
internal sealed partial class Reconciler(
    WorkloadStore store,
    WorkloadRuntimes runtimes,
    WorkloadSupervisor supervisor,
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
                    LogEngineDown(ex.Message.TrimEnd('.'));
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

    /// <summary>One pass: a snapshot of the records and the runtime, a plan, and the supervisor asked to act on it.</summary>
    public async Task ReconcileOnceAsync(CancellationToken cancellationToken)
    {
        var records = await store.ListAsync(cancellationToken);

        // Remote workloads first and on their own: they need no container engine, so an engine that is down (the
        // container pass throws) does not keep them from being served.
        var remote = records.Where(r => r.Spec.Remote is not null).ToList();
        await ActAsync(ReconcilePlan.From(remote, await runtimes.Remotes.ObserveAsync(cancellationToken), supervisor.IsServed), records, cancellationToken);
        var local = records.Where(r => r.Spec.Remote is null).ToList();
        await ActAsync(ReconcilePlan.From(local, await runtimes.Containers.ObserveAsync(cancellationToken), supervisor.IsServed), records, cancellationToken);
    }

    private async Task ActAsync(ReconcilePlan plan, IReadOnlyList<Workloads.WorkloadRecord> records, CancellationToken cancellationToken)
    {
        var claimed = records.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var name in plan.Unclaimed.Where(n => !claimed.Contains(n)))
        {
            if (await supervisor.RemoveUnclaimedAsync(name, cancellationToken))
            {
                LogRemovedUnclaimed(name);
            }
        }

        var now = time.GetUtcNow();
        foreach (var name in plan.Healthy)
        {
            _backoff.ObserveRunning(name, now);
        }

        foreach (var name in plan.ToRevive)
        {
            if (!_backoff.TryBegin(name, now))
            {
                continue;
            }

            try
            {
                await supervisor.ReviveAsync(name, cancellationToken);
            }
            catch (Exception ex) when (ex is ToolshedException or IOException)
            {
                LogReviveFailed(name, ex.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The container engine does not answer: {Reason}. Workloads will be served again when it is back.")]
    private partial void LogEngineDown(string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "The container engine answers again")]
    private partial void LogEngineBack();

    [LoggerMessage(Level = LogLevel.Error, Message = "A reconciliation pass failed")]
    private partial void LogReconcileFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed what the runtime held for {WorkloadName}: no workload claims it")]
    private partial void LogRemovedUnclaimed(string workloadName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not bring {WorkloadName} back yet: {Reason}")]
    private partial void LogReviveFailed(string workloadName, string reason);
}
