using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Toolshed.Core.Errors;
using Toolshed.Core.Runtime;
using Toolshed.Core.Workloads;
using Toolshed.Proxy;
using Toolshed.Runtime.Docker.Engine;
using Toolshed.Server.Clients;
using Toolshed.Server.Workloads.Api;
using Toolshed.Server.Workloads.Egress;
using Toolshed.Server.Workloads.Persistence;
using Toolshed.Server.Workloads.Proxies;
using Toolshed.Server.Workloads.Validation;

namespace Toolshed.Server.Workloads;

/// <summary>
/// The one application service behind the REST API and the CLI: create, list, get, stop, restart, delete, logs.
/// Desired state goes to the store first; a failure half-way rolls back everything the operation created.
/// </summary>
public sealed partial class WorkloadManager : IAsyncDisposable
{
    private readonly WorkloadStore _store;
    private readonly IContainerEngine _runtime;
    private readonly IWorkloadProxyHost _proxies;
    private readonly CreateRequestMapper _mapper;
    private readonly WorkloadLauncher _launcher;
    private readonly EgressGateway _egress;
    private readonly DaemonInstance _instance;
    private readonly TimeProvider _time;
    private readonly IReadOnlyList<IWorkloadEvents> _events;
    private readonly ILogger<WorkloadManager> _logger;
    private readonly string _auditDirectory;
    private readonly ForeignNames _foreign;
    private readonly SensitiveMountRules _sensitiveMounts;
    private readonly NameLocks _locks = new();
    private readonly ConcurrentDictionary<string, LiveWorkload> _live = new(StringComparer.Ordinal);

    internal WorkloadManager(
        WorkloadStore store,
        IContainerEngine runtime,
        IWorkloadProxyHost proxies,
        CreateRequestMapper mapper,
        WorkloadLauncher launcher,
        EgressGateway egress,
        DaemonInstance instance,
        TimeProvider time,
        IEnumerable<IWorkloadEvents> events,
        ILogger<WorkloadManager> logger,
        string auditDirectory,
        SensitiveMountRules sensitiveMounts)
    {
        _auditDirectory = auditDirectory;
        _sensitiveMounts = sensitiveMounts;
        _foreign = new ForeignNames(runtime, instance);
        _store = store;
        _runtime = runtime;
        _proxies = proxies;
        _mapper = mapper;
        _launcher = launcher;
        _egress = egress;
        _instance = instance;
        _time = time;
        _events = [.. events];
        _logger = logger;
    }

    internal WorkloadStore Store => _store;

    internal NameLocks Locks => _locks;

    internal ConcurrentDictionary<string, LiveWorkload> Live => _live;

    internal WorkloadLauncher Launcher => _launcher;

    internal IWorkloadProxyHost Proxies => _proxies;

    internal EgressGateway Egress => _egress;

    public async Task<CreateServerResponse> CreateAsync(CreateServerRequest request, CancellationToken cancellationToken)
    {
        var spec = await _mapper.MapAsync(request, cancellationToken);
        if (spec.Name.Length == 0)
        {
            var taken = (await _store.ListAsync(cancellationToken)).Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
            spec = spec with { Name = WorkloadNameRules.MakeUnique(WorkloadNameRules.FromImage(spec.Image), taken.Contains) };
        }

        using var _ = await _locks.AcquireAsync(spec.Name, cancellationToken);
        if (await _store.GetAsync(spec.Name, cancellationToken) is not null)
        {
            throw new ConflictException(
                $"A server named '{spec.Name}' already exists.",
                $"Pick another name, or remove it first with `shed rm {spec.Name}`.");
        }

        // Before anything is created: a container or network of another owner under this workload's names is a 409.
        await _foreign.EnsureFreeAsync(spec.Name, cancellationToken);
        var live = new LiveWorkload(await _proxies.StartAsync(spec, cancellationToken));
        spec = spec with { ProxyPort = live.Proxy.Port };
        var record = new WorkloadRecord { Spec = spec, CreatedAt = _time.GetUtcNow() };
        var inserted = false;
        try
        {
            inserted = await _store.TryInsertAsync(record, cancellationToken);
            if (!inserted)
            {
                throw new ConflictException($"A server named '{spec.Name}' already exists.", $"Remove it first with `shed rm {spec.Name}`.");
            }

            var containerId = await _launcher.CreateAndStartAsync(spec, live, cancellationToken);
            await _store.UpdateAsync(record with { ContainerId = containerId }, CancellationToken.None);
            _live[spec.Name] = live;
            LogCreated(spec.Name, spec.Image, live.Proxy.Port);
            RecordSensitiveMounts(spec);
            await NotifyAsync(spec.Name, observer => observer.WorkloadStartedAsync(spec.Name, live.Proxy.Port, CancellationToken.None));
            return new CreateServerResponse(spec.Name, live.Proxy.Port);
        }
        catch
        {
            await live.DisposeAsync();
            if (inserted)
            {
                await _store.DeleteAsync(spec.Name, CancellationToken.None);
            }

            throw;
        }
    }

    public async Task<IReadOnlyList<ContainerInfo>> ListAsync(bool all, CancellationToken cancellationToken)
    {
        var records = await _store.ListAsync(cancellationToken);
        var containers = await ContainersByWorkloadAsync(cancellationToken);
        return records
            .Select(record => ContainerInfoMapper.Map(record, containers.GetValueOrDefault(record.Name), _instance.Id))
            .Where(info => all || info.State == "running")
            .ToList();
    }

    public async Task<ServerDetails> GetAsync(string name, CancellationToken cancellationToken)
    {
        var record = await RequireAsync(name, cancellationToken);
        var container = record.ContainerId is null ? null : await _runtime.InspectContainerAsync(record.ContainerId, cancellationToken);
        return ServerDetailsMapper.Map(record, container, _instance.Id);
    }

    public async Task StopAsync(string name, CancellationToken cancellationToken)
    {
        using var _ = await _locks.AcquireAsync(name, cancellationToken);
        var record = await RequireAsync(name, cancellationToken);
        await _store.UpdateAsync(record with { DesiredState = WorkloadDesiredState.Stopped }, cancellationToken);
        if (_live.TryRemove(name, out var live))
        {
            await live.DisposeAsync();
        }

        if (record.ContainerId is not null)
        {
            await _runtime.StopContainerAsync(record.ContainerId, WorkloadLauncher.StopTimeout, cancellationToken);
        }

        await _egress.StopAsync(name, cancellationToken);
        LogStopped(name);
    }

    public async Task RestartAsync(string name, CancellationToken cancellationToken)
    {
        using var _ = await _locks.AcquireAsync(name, cancellationToken);
        var record = await RequireAsync(name, cancellationToken);
        if (_live.TryRemove(name, out var previous))
        {
            await previous.DisposeAsync();
        }

        if (record.ContainerId is not null)
        {
            await _runtime.StopContainerAsync(record.ContainerId, WorkloadLauncher.StopTimeout, cancellationToken);
        }

        record = await StartRecordAsync(record with { DesiredState = WorkloadDesiredState.Running }, cancellationToken);
        LogRestarted(name, record.Spec.ProxyPort);
        await NotifyAsync(name, observer => observer.WorkloadStartedAsync(name, record.Spec.ProxyPort, CancellationToken.None));
    }

    public async Task DeleteAsync(string name, CancellationToken cancellationToken)
    {
        using var _ = await _locks.AcquireAsync(name, cancellationToken);
        var record = await RequireAsync(name, cancellationToken);
        if (_live.TryRemove(name, out var live))
        {
            await live.DisposeAsync();
        }

        // Delete is immediate, every time: the container is killed and removed, whatever `force` says.
        if (record.ContainerId is not null)
        {
            await _runtime.RemoveContainerAsync(record.ContainerId, force: true, cancellationToken);
        }

        await _egress.RemoveAsync(name, cancellationToken);
        await _store.DeleteAsync(name, cancellationToken);
        LogDeleted(name);
        await NotifyAsync(name, observer => observer.WorkloadRemovedAsync(name, CancellationToken.None));
    }

    public async Task<string> GetLogsAsync(string name, int tail, CancellationToken cancellationToken)
    {
        var record = await RequireAsync(name, cancellationToken);
        if (record.ContainerId is null)
        {
            return "";
        }

        var text = new System.Text.StringBuilder();
        // A stdio server's stdout is the protocol stream, not a log: show what it wrote to stderr.
        var options = new WorkloadLogOptions { Tail = tail, Stdout = record.Spec.Transport != McpTransport.Stdio };
        await foreach (var line in _runtime.GetLogsAsync(record.ContainerId, options, cancellationToken))
        {
            text.Append(line.Text).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>The last <paramref name="tail"/> lines of the workload's audit log; empty before its first request.</summary>
    public async Task<string> GetAuditAsync(string name, int tail, CancellationToken cancellationToken)
    {
        await RequireAsync(name, cancellationToken);
        return await Toolshed.Proxy.Audit.AuditLogReader.TailAsync(_auditDirectory, name, tail, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        // The daemon stopping does not stop workloads: only the proxies and attachments are released.
        foreach (var name in _live.Keys)
        {
            if (_live.TryRemove(name, out var live))
            {
                await live.DisposeAsync();
            }
        }
    }

    /// <summary>Serves a workload again: proxy on its recorded port (or a new one when taken), container started or adopted.</summary>
    internal async Task<WorkloadRecord> StartRecordAsync(WorkloadRecord record, CancellationToken cancellationToken)
    {
        var spec = record.Spec;
        IWorkloadEndpoint proxy;
        try
        {
            proxy = await _proxies.StartAsync(spec, cancellationToken);
        }
        catch (ConflictException) when (spec.ProxyPort != 0)
        {
            LogPortTaken(spec.Name, spec.ProxyPort);
            proxy = await _proxies.StartAsync(spec with { ProxyPort = 0 }, cancellationToken);
        }

        var live = new LiveWorkload(proxy);
        try
        {
            spec = spec with { ProxyPort = proxy.Port };
            var container = record.ContainerId is null ? null : await _runtime.InspectContainerAsync(record.ContainerId, cancellationToken);
            var portLabelMatches = container?.Labels.GetValueOrDefault(ToolshedLabels.Port) == spec.ProxyPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
            // A changed secret or environment means the container was made with stale values: recreate it.
            var configMatches = container is not null
                && container.Labels.GetValueOrDefault(ToolshedLabels.ConfigHash) == await _launcher.ConfigHashAsync(spec, cancellationToken);
            // A container on another network than its profile now asks for (an allow-list that an earlier version left
            // on the open bridge) must not be adopted.
            var networkMatches = container?.NetworkMode == ContainerSpecFactory.NetworkModeOf(spec);
            string containerId;
            if (container is not null && portLabelMatches && configMatches && networkMatches)
            {
                await _launcher.StartExistingAsync(spec, container.Id, live, cancellationToken);
                containerId = container.Id;
            }
            else
            {
                containerId = await _launcher.CreateAndStartAsync(spec, live, cancellationToken);
            }

            record = record with { Spec = spec, ContainerId = containerId };
            await _store.UpdateAsync(record, CancellationToken.None);
            _live[spec.Name] = live;
            return record;
        }
        catch
        {
            await live.DisposeAsync();
            throw;
        }
    }

    /// <summary>Each sensitive bind the request asked for by name: a warning in the daemon's log and a line in the
    /// workload's audit log.</summary>
    private void RecordSensitiveMounts(WorkloadSpec spec)
    {
        if (!spec.AllowSensitiveMounts)
        {
            return;
        }

        foreach (var (hostPath, reason) in _sensitiveMounts.Find(spec))
        {
            LogSensitiveMount(spec.Name, hostPath, reason);
            Toolshed.Proxy.Audit.AuditLog.WriteLifecycle(
                _auditDirectory, spec.Name, "toolshed/create", hostPath,
                $"sensitive mount {hostPath} accepted ({reason}): the request set {SensitiveMountRules.OptInField}", _time.GetUtcNow());
        }
    }

    /// <summary>Tells observers (client configs) what happened; their failures are logged and never undo the operation.</summary>
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
        await _store.GetAsync(name, cancellationToken)
        ?? throw new NotFoundException($"No server named '{name}'.", "List servers with `shed list --all`.");

    [LoggerMessage(Level = LogLevel.Information, Message = "Created workload {WorkloadName} from {Image} on port {Port}")]
    private partial void LogCreated(string workloadName, string image, int port);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Workload {WorkloadName} binds the sensitive host path {HostPath} ({Reason}), as its request asked with allow_sensitive_mounts")]
    private partial void LogSensitiveMount(string workloadName, string hostPath, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopped workload {WorkloadName}")]
    private partial void LogStopped(string workloadName);

    [LoggerMessage(Level = LogLevel.Information, Message = "Restarted workload {WorkloadName} on port {Port}")]
    private partial void LogRestarted(string workloadName, int port);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted workload {WorkloadName}")]
    private partial void LogDeleted(string workloadName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A workload observer failed for {WorkloadName}")]
    private partial void LogObserverFailed(string workloadName, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Port {Port} of workload {WorkloadName} is taken; serving it on a new port")]
    private partial void LogPortTaken(string workloadName, int port);
}
