using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Toolshed.Clients;

namespace Toolshed.Server.Clients;

/// <summary>
/// Writes a workload into the registered clients only once it is ready: each start (create, restart, a revive after
/// a crash, adoption after a daemon restart) begins a watch that asks the proxy for an MCP <c>initialize</c> until the
/// server answers with a result, the next start replaces the watch, or <see cref="ClientOptions.ReadinessTimeout"/>
/// passes. A crash-looping server never answers, so it never reaches a client's config. Deleting a workload ends its
/// watch and takes its entries out.
/// </summary>
public sealed partial class WorkloadReadinessWatcher : IWorkloadEvents, IHostedService, IDisposable
{
    private readonly IWorkloadReadinessProbe _probe;
    private readonly ReadyWorkloads _ready;
    private readonly ClientService _clients;
    private readonly ClientOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<WorkloadReadinessWatcher> _logger;
    private readonly ConcurrentDictionary<string, ReadinessWatch> _watches = new(StringComparer.Ordinal);
    // Writing a ready workload and removing a deleted one never interleave, so a late "ready" cannot bring back an entry.
    private readonly SemaphoreSlim _edits = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();

    internal WorkloadReadinessWatcher(
        IWorkloadReadinessProbe probe, ReadyWorkloads ready, ClientService clients, ClientOptions options, TimeProvider time, ILogger<WorkloadReadinessWatcher> logger)
    {
        _probe = probe;
        _ready = ready;
        _clients = clients;
        _options = options;
        _time = time;
        _logger = logger;
    }

    public Task WorkloadStartedAsync(string workloadName, int port, CancellationToken cancellationToken)
    {
        _ready.Forget(workloadName);
        var watch = new ReadinessWatch(new WorkloadEndpoint(workloadName, port), CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token));
        if (_watches.TryGetValue(workloadName, out var previous))
        {
            previous.Cancel();
        }

        _watches[workloadName] = watch;
        watch.Run(WatchAsync(watch));
        return Task.CompletedTask;
    }

    public async Task WorkloadRemovedAsync(string workloadName, CancellationToken cancellationToken)
    {
        await _edits.WaitAsync(cancellationToken);
        try
        {
            if (_watches.TryRemove(workloadName, out var watch))
            {
                watch.Cancel();
            }

            _ready.Forget(workloadName);
            await _clients.WorkloadRemovedAsync(workloadName, cancellationToken);
        }
        finally
        {
            _edits.Release();
        }
    }

    /// <summary>Completes once the workload's current start was written into clients, or given up on.</summary>
    public Task WhenSettledAsync(string workloadName) => _watches.TryGetValue(workloadName, out var watch) ? watch.Completion : Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await Task.WhenAll(_watches.Values.Select(w => w.Completion)).WaitAsync(cancellationToken);
    }

    public void Dispose()
    {
        _stopping.Dispose();
        _edits.Dispose();
        if (_probe is IDisposable disposable)
        {
            disposable.Dispose();
        }
    }

    private async Task WatchAsync(ReadinessWatch watch)
    {
        var token = watch.Token;
        var started = _time.GetTimestamp();
        try
        {
            while (!await _probe.AnswersInitializeAsync(watch.Workload, token))
            {
                if (_time.GetElapsedTime(started) >= _options.ReadinessTimeout)
                {
                    LogNeverReady(watch.Workload.Name, _options.ReadinessTimeout.TotalSeconds);
                    return;
                }

                await Task.Delay(_options.ReadinessRetryInterval, _time, token);
            }

            await _edits.WaitAsync(token);
            try
            {
                if (!_watches.TryGetValue(watch.Workload.Name, out var current) || current != watch || token.IsCancellationRequested)
                {
                    return;
                }

                _ready.MarkReady(watch.Workload);
                LogReady(watch.Workload.Name, watch.Workload.Port);
                await _clients.WorkloadReadyAsync(watch.Workload, token);
            }
            finally
            {
                _edits.Release();
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Replaced by a newer start, deleted, or the daemon is stopping.
        }
        catch (Exception ex)
        {
            LogWatchFailed(watch.Workload.Name, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Workload {WorkloadName} answered initialize on port {Port}; writing it into registered clients")]
    private partial void LogReady(string workloadName, int port);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Workload {WorkloadName} did not answer initialize within {Seconds} s of starting; it is not written into clients")]
    private partial void LogNeverReady(string workloadName, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watching the readiness of workload {WorkloadName} failed")]
    private partial void LogWatchFailed(string workloadName, Exception exception);
}
