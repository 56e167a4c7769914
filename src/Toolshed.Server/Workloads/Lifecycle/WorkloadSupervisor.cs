using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Toolshed.Core.Errors;
using Toolshed.Core.Runtime;
using Toolshed.Core.Workloads;
using Toolshed.Proxy;
using Toolshed.Server.Clients;
using Toolshed.Server.Workloads.Api;
using Toolshed.Server.Workloads.Persistence;
using Toolshed.Server.Workloads.Proxies;
using Toolshed.Server.Workloads.Validation;

namespace Toolshed.Server.Workloads.Lifecycle;

/// <summary>
/// The one owner of live state: the per-name locks and the workloads being served. Every change to a workload (create,
/// stop, restart, delete, revive, removal of what no record claims) runs here under that workload's lock, re-reads the
/// store under it, and tells observers (client configs) what happened. The API's operations wait for the lock; the
/// reconciler's skip a name whose lock is held and come back on the next pass.
/// </summary>
internal sealed partial class WorkloadSupervisor(
    WorkloadStore store,
    WorkloadRuntimes runtimes,
    IWorkloadProxyHost proxies,
    WorkloadLauncher launcher,
    TimeProvider time,
    IEnumerable<IWorkloadEvents> events,
    ILogger<WorkloadSupervisor> logger,
    Telemetry.DaemonMetrics? metrics = null) : IAsyncDisposable
{
    private readonly NameLocks _locks = new();
    private readonly ConcurrentDictionary<string, LiveWorkload> _live = new(StringComparer.Ordinal);
    private readonly IReadOnlyList<IWorkloadEvents> _events = [.. events];

    /// <summary>Reconnects a remote workload once its sign-in completed: served again with the new token, its
    /// transport detected if it could not be before.</summary>
    public async Task ReconnectAfterSignInAsync(string name)
    {
        if (await store.GetAsync(name, CancellationToken.None) is { DesiredState: WorkloadDesiredState.Running, Spec.Remote: not null })
        {
            await RestartAsync(name, CancellationToken.None);
        }
    }

    /// <summary>Whether the workload is being served at this moment (a snapshot for planning; acting re-checks under the lock).</summary>
    public bool IsServed(string name) => _live.ContainsKey(name);

    /// <summary>How many MCP sessions the workload's endpoint holds now; null when it is not served.</summary>
    public int? SessionCount(string name) => _live.TryGetValue(name, out var live) && live.Proxy is WorkloadProxy proxy ? proxy.SessionCount : null;

    /// <summary>Which MCP revisions the workload's endpoint serves and its server speaks; null when it is not served.</summary>
    public McpProtocols? ProtocolsOf(string name) => _live.TryGetValue(name, out var live) && live.Proxy is WorkloadProxy proxy
        ? McpProtocols.Of(WorkloadProxy.ServedProtocolVersions, proxy.ServerProtocolVersion)
        : null;

    /// <summary>Stores and starts a new workload. On failure nothing is left: no record, no listener, no instance.</summary>
    public async Task<WorkloadRecord> CreateAsync(WorkloadDefinition definition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var name = definition.Name;
        using var _ = await _locks.AcquireAsync(name, cancellationToken);
        if (await store.GetAsync(name, cancellationToken) is not null)
        {
            throw AlreadyExists(name);
        }

        // Before anything is created: something of another owner under this workload's names is a 409.
        await runtimes.For(definition.Spec).EnsureNameFreeAsync(name, cancellationToken);
        var proxy = await proxies.StartAsync(definition, cancellationToken);
        definition = definition with { Spec = definition.Spec with { ProxyPort = proxy.Port } };
        var record = new WorkloadRecord { Spec = definition.Spec, CreatedAt = time.GetUtcNow() };
        var inserted = false;
        LaunchedWorkload? launched = null;
        try
        {
            inserted = await store.TryInsertAsync(record, cancellationToken);
            if (!inserted)
            {
                throw AlreadyExists(name);
            }

            launched = await launcher.LaunchAsync(definition, proxy, adopt: false, cancellationToken);
            record = record with { ContainerId = launched.InstanceId };
            await store.UpdateAsync(record, CancellationToken.None);
            _live[name] = new LiveWorkload(definition, proxy, launched);
        }
        catch
        {
            await UndoCreateAsync(definition, proxy, launched, inserted);
            throw;
        }

        await NotifyStartedAsync(name, proxy.Port);
        return record;
    }

    public async Task StopAsync(string name, CancellationToken cancellationToken)
    {
        using var _ = await _locks.AcquireAsync(name, cancellationToken);
        var record = await RequireAsync(name, cancellationToken);
        await store.UpdateAsync(record with { DesiredState = WorkloadDesiredState.Stopped }, cancellationToken);
        await ReleaseAsync(name);
        await NotifyStoppedAsync(name);
        await runtimes.For(record.Spec).StopAsync(name, cancellationToken);
        LogStopped(name);
    }

    public async Task RestartAsync(string name, CancellationToken cancellationToken)
    {
        using var _ = await _locks.AcquireAsync(name, cancellationToken);
        var record = await RequireAsync(name, cancellationToken);
        await ReleaseAsync(name);
        await NotifyStoppedAsync(name);
        await runtimes.For(record.Spec).StopAsync(name, cancellationToken);
        record = await ServeAsync(record with { DesiredState = WorkloadDesiredState.Running }, cancellationToken);
        LogRestarted(name, record.Spec.ProxyPort);
        await NotifyStartedAsync(name, record.Spec.ProxyPort);
    }

    /// <summary>
    /// Changes which tools the workload's clients see, kept in its record. A served workload's proxy applies it from
    /// the next request on and tells connected clients (<c>notifications/tools/list_changed</c>); a forwarded HTTP
    /// server's proxy, which cannot, is started anew on the same port with its running instance adopted.
    /// </summary>
    public async Task<WorkloadRecord> SetToolsAsync(string name, Core.Tools.ToolFilterSpec? tools, CancellationToken cancellationToken)
    {
        using var _ = await _locks.AcquireAsync(name, cancellationToken);
        var record = await RequireAsync(name, cancellationToken);
        record = record with { Spec = record.Spec with { Tools = tools } };
        await store.UpdateAsync(record, cancellationToken);
        if (!_live.TryGetValue(name, out var live))
        {
            return record;
        }

        if (live.Proxy is WorkloadProxy proxy && proxy.SetTools(tools))
        {
            _live[name] = new LiveWorkload(live.Definition with { Spec = live.Definition.Spec with { Tools = tools } }, live.Proxy, live.Launched);
        }
        else
        {
            await ReleaseAsync(name);
            record = await ServeAsync(record, cancellationToken);
            await NotifyStartedAsync(name, record.Spec.ProxyPort); // the port may be a new one
        }

        await NotifyAsync(name, observer => observer.WorkloadToolsChangedAsync(name, CancellationToken.None));
        return record;
    }

    /// <summary>Delete is immediate, every time: the instance is killed and removed, then the record.</summary>
    public async Task DeleteAsync(string name, CancellationToken cancellationToken)
    {
        using var _ = await _locks.AcquireAsync(name, cancellationToken);
        var record = await RequireAsync(name, cancellationToken);
        await ReleaseAsync(name);
        await runtimes.For(record.Spec).RemoveAsync(name, cancellationToken);
        await store.DeleteAsync(name, cancellationToken);
        LogDeleted(name);
        await NotifyAsync(name, observer => observer.WorkloadRemovedAsync(name, CancellationToken.None));
    }

    /// <summary>
    /// Serves a workload that should run but is not served: adopts its running instance (after a daemon restart),
    /// restarts an exited one (a crash: counted, exit code kept), creates a missing one, or repairs what a running one
    /// depends on. False when another operation holds the workload (nothing was done).
    /// </summary>
    public async Task<bool> ReviveAsync(string name, CancellationToken cancellationToken)
    {
        using var held = _locks.TryAcquire(name);
        if (held is null)
        {
            return false;
        }

        var record = await store.GetAsync(name, cancellationToken);
        if (record is not { DesiredState: WorkloadDesiredState.Running })
        {
            return true;
        }

        var runtime = runtimes.For(record.Spec);
        var instance = await runtime.InspectAsync(name, cancellationToken);
        if (_live.TryGetValue(name, out var live) && instance is { IsRunning: true } && instance.Id == live.Launched.InstanceId)
        {
            // Still served; only a part it depends on (its egress sidecar) may be down, leaving it no way out until back.
            await runtime.RepairAsync(live.Definition, cancellationToken);
            return true;
        }

        if (_live.ContainsKey(name))
        {
            await ReleaseAsync(name);
            await NotifyStoppedAsync(name);
        }

        if (instance is { IsRunning: false })
        {
            record = record with { RestartCount = record.RestartCount + 1, LastExitCode = instance.ExitCode };
            LogCrashed(name, record.LastExitCode ?? -1, record.RestartCount);
            metrics?.WorkloadRestarted(name);
        }

        record = await ServeAsync(record, cancellationToken);
        LogRevived(name, record.Spec.ProxyPort);
        await NotifyStartedAsync(name, record.Spec.ProxyPort);
        return true;
    }

    /// <summary>Removes what the runtime holds under a name no record claims (left by a crash or a cut-short delete).
    /// True when it did; false when the name is claimed by now or another operation holds it.</summary>
    public async Task<bool> RemoveUnclaimedAsync(string name, CancellationToken cancellationToken)
    {
        using var held = _locks.TryAcquire(name);
        if (held is null || await store.GetAsync(name, cancellationToken) is not null)
        {
            return false;
        }

        await ReleaseAsync(name);
        // No record says which runtime held it: both let go of the name (what is missing is not an error).
        await runtimes.Remotes.RemoveAsync(name, cancellationToken);
        await runtimes.Containers.RemoveAsync(name, cancellationToken);

        return true;
    }

    /// <summary>The daemon stopping does not stop workloads: only the proxies and attachments are released.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var name in _live.Keys)
        {
            await ReleaseAsync(name);
        }
    }

    /// <summary>Serves a stored workload again: its proxy on the recorded port (a new one when that is taken), its
    /// instance adopted when made from the same inputs, else replaced.</summary>
    private async Task<WorkloadRecord> ServeAsync(WorkloadRecord record, CancellationToken cancellationToken)
    {
        var definition = WorkloadDefinitions.From(record.Spec);
        IWorkloadEndpoint proxy;
        try
        {
            proxy = await proxies.StartAsync(definition, cancellationToken);
        }
        catch (ConflictException) when (definition.Spec.ProxyPort != 0)
        {
            LogPortTaken(definition.Name, definition.Spec.ProxyPort);
            proxy = await proxies.StartAsync(definition with { Spec = definition.Spec with { ProxyPort = 0 } }, cancellationToken);
        }

        LaunchedWorkload? launched = null;
        try
        {
            definition = definition with { Spec = definition.Spec with { ProxyPort = proxy.Port } };
            launched = await launcher.LaunchAsync(definition, proxy, adopt: true, cancellationToken);
            record = record with { Spec = definition.Spec, ContainerId = launched.InstanceId };
            await store.UpdateAsync(record, CancellationToken.None);
            _live[definition.Name] = new LiveWorkload(definition, proxy, launched);
            return record;
        }
        catch
        {
            if (launched is not null)
            {
                await launched.DisposeAsync();
            }

            await proxy.DisposeAsync();
            throw;
        }
    }

    private async Task UndoCreateAsync(WorkloadDefinition definition, IWorkloadEndpoint proxy, LaunchedWorkload? launched, bool inserted)
    {
        var name = definition.Name;
        if (launched is not null)
        {
            // The launch itself succeeded (a later step failed): what it made is this create's to remove.
            await launched.DisposeAsync();
            try
            {
                await runtimes.For(definition.Spec).RemoveAsync(name, CancellationToken.None);
            }
            catch (ToolshedException ex)
            {
                LogUndoFailed(name, ex.Message);
            }
        }

        await proxy.DisposeAsync();
        if (inserted)
        {
            await store.DeleteAsync(name, CancellationToken.None);
        }
    }

    private async Task ReleaseAsync(string name)
    {
        if (_live.TryRemove(name, out var live))
        {
            await live.DisposeAsync();
        }
    }

    private Task NotifyStoppedAsync(string name) =>
        NotifyAsync(name, observer => observer.WorkloadStoppedAsync(name, CancellationToken.None));

    private Task NotifyStartedAsync(string name, int port) =>
        NotifyAsync(name, observer => observer.WorkloadStartedAsync(name, port, CancellationToken.None));

    /// <summary>Tells observers what happened; their failures are logged and never undo the operation.</summary>
    private async Task NotifyAsync(string name, Func<IWorkloadEvents, Task> notify)
    {
        foreach (var observer in _events)
        {
            try
            {
                await notify(observer);
            }
            catch (Exception ex)
            {
                LogObserverFailed(name, ex);
            }
        }
    }

    private async Task<WorkloadRecord> RequireAsync(string name, CancellationToken cancellationToken) =>
        await store.GetAsync(name, cancellationToken) ?? throw WorkloadErrors.NotFound(name);

    private static ConflictException AlreadyExists(string name) => new(
        $"A server named '{name}' already exists.",
        $"Pick another name, or remove it first with `shed rm {name}`.");

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopped workload {WorkloadName}")]
    private partial void LogStopped(string workloadName);

    [LoggerMessage(Level = LogLevel.Information, Message = "Restarted workload {WorkloadName} on port {Port}")]
    private partial void LogRestarted(string workloadName, int port);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted workload {WorkloadName}")]
    private partial void LogDeleted(string workloadName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Workload {WorkloadName} exited with code {ExitCode}; restarting it (restart {RestartCount})")]
    private partial void LogCrashed(string workloadName, long exitCode, int restartCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Workload {WorkloadName} is served again on port {Port}")]
    private partial void LogRevived(string workloadName, int port);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Port {Port} of workload {WorkloadName} is taken; serving it on a new port")]
    private partial void LogPortTaken(string workloadName, int port);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A workload observer failed for {WorkloadName}")]
    private partial void LogObserverFailed(string workloadName, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not remove what a failed create of {WorkloadName} started: {Reason}")]
    private partial void LogUndoFailed(string workloadName, string reason);
}
