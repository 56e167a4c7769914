using Microsoft.Extensions.Logging;
using Toolshed.Core.Runtime;
using Toolshed.Core.Workloads;
using Toolshed.Proxy.Audit;
using Toolshed.Server.Workloads.Api;
using Toolshed.Server.Workloads.Lifecycle;
using Toolshed.Server.Workloads.Persistence;
using Toolshed.Server.Workloads.Validation;

namespace Toolshed.Server.Workloads;

/// <summary>
/// The application service behind the REST API and the CLI: validates requests into workload definitions, reads what
/// is stored and what the runtime reports, and leaves every change of live state to the <see cref="WorkloadSupervisor"/>.
/// </summary>
internal sealed partial class WorkloadManager(
    WorkloadStore store,
    WorkloadRuntimes runtimes,
    WorkloadSupervisor supervisor,
    CreateRequestMapper mapper,
    SensitiveMountRules sensitiveMounts,
    TimeProvider time,
    ILogger<WorkloadManager> logger,
    string auditDirectory)
{
    public async Task<CreateServerResponse> CreateAsync(CreateServerRequest request, CancellationToken cancellationToken)
    {
        var spec = await mapper.MapAsync(request, cancellationToken);
        if (spec.Name.Length == 0)
        {
            var taken = (await store.ListAsync(cancellationToken)).Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
            spec = spec with { Name = WorkloadNameRules.MakeUnique(WorkloadNameRules.FromImage(spec.Image), taken.Contains) };
        }

        var record = await supervisor.CreateAsync(WorkloadDefinitions.From(spec), cancellationToken);
        LogCreated(record.Name, record.Spec.Image, record.Spec.ProxyPort);
        RecordSensitiveMounts(record.Spec);
        return new CreateServerResponse(record.Name, record.Spec.ProxyPort);
    }

    public async Task<IReadOnlyList<ContainerInfo>> ListAsync(bool all, CancellationToken cancellationToken)
    {
        var records = await store.ListAsync(cancellationToken);
        var observed = await runtimes.ObserveAsync(records, cancellationToken);
        return records
            .Select(record => ContainerInfoMapper.Map(record, observed.Instances.GetValueOrDefault(record.Name), runtimes.For(record.Spec)))
            .Where(info => all || info.State == "running")
            .ToList();
    }

    public async Task<ServerDetails> GetAsync(string name, CancellationToken cancellationToken)
    {
        var record = await RequireAsync(name, cancellationToken);
        var runtime = runtimes.For(record.Spec);
        var instance = await runtime.InspectAsync(name, cancellationToken);
        var definition = WorkloadDefinitions.From(record.Spec);
        var signIn = record.Spec.Remote is null ? null : runtimes.Remotes.GetSignIn(name);
        return ServerDetailsMapper.Map(record, instance, definition, runtime.Describe(definition), signIn) with
        {
            Sessions = supervisor.SessionCount(name),
            Protocols = supervisor.ProtocolsOf(name),
        };
    }

    public Task StopAsync(string name, CancellationToken cancellationToken) => supervisor.StopAsync(name, cancellationToken);

    public async Task<ToolsConfig> GetToolsAsync(string name, CancellationToken cancellationToken)
    {
        var record = await store.GetAsync(name, cancellationToken) ?? throw WorkloadErrors.NotFound(name);
        return ToolsConfigMapper.Show(record.Spec.Tools);
    }

    public async Task<ToolsConfig> SetToolsAsync(string name, ToolsConfig tools, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tools);
        var spec = ToolsConfigMapper.Map(tools.Tools, tools.ToolsOverride);
        var record = await supervisor.SetToolsAsync(name, spec, cancellationToken);
        return ToolsConfigMapper.Show(record.Spec.Tools);
    }

    public Task RestartAsync(string name, CancellationToken cancellationToken) => supervisor.RestartAsync(name, cancellationToken);

    public Task DeleteAsync(string name, CancellationToken cancellationToken) => supervisor.DeleteAsync(name, cancellationToken);

    public async Task<string> GetLogsAsync(string name, int tail, CancellationToken cancellationToken)
    {
        var record = await RequireAsync(name, cancellationToken);
        var text = new System.Text.StringBuilder();
        // A stdio server's stdout is the protocol stream, not a log: show what it wrote to stderr.
        var options = new WorkloadLogOptions { Tail = tail, Stdout = record.Spec.Transport != McpTransport.Stdio };
        await foreach (var line in runtimes.For(record.Spec).GetLogsAsync(name, options, cancellationToken))
        {
            text.Append(line.Text).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Where a remote workload's sign-in stands, after waiting up to <paramref name="wait"/> for a pending one.</summary>
    public async Task<SignInInfo> GetSignInAsync(string name, TimeSpan wait, CancellationToken cancellationToken)
    {
        await RequireRemoteAsync(name, cancellationToken);
        if (wait > TimeSpan.Zero)
        {
            await runtimes.Remotes.WaitForSignInAsync(name, wait, cancellationToken);
        }

        return ServerDetailsMapper.SignInOf(runtimes.Remotes.GetSignIn(name));
    }

    /// <summary>Starts a browser sign-in for a remote workload: the daemon listens on a loopback redirect until it is done.</summary>
    public async Task<SignInStarted> BeginSignInAsync(string name, CancellationToken cancellationToken)
    {
        await RequireRemoteAsync(name, cancellationToken);
        var pending = await runtimes.Remotes.BeginSignInAsync(name, cancellationToken);
        return new SignInStarted { AuthorizationUrl = pending.AuthorizationUrl.AbsoluteUri, RedirectUri = pending.RedirectUri, ExpiresAt = pending.ExpiresAt };
    }

    public async Task SignOutAsync(string name, CancellationToken cancellationToken)
    {
        await RequireRemoteAsync(name, cancellationToken);
        await runtimes.Remotes.SignOutAsync(name, cancellationToken);
    }

    private async Task RequireRemoteAsync(string name, CancellationToken cancellationToken)
    {
        if ((await RequireAsync(name, cancellationToken)).Spec.Remote is null)
        {
            throw new Core.Errors.InvalidInputException(
                $"Workload {name} runs here, not on a remote server: there is nothing to sign in to.", "name");
        }
    }

    /// <summary>The last <paramref name="tail"/> lines of the workload's audit log; empty before its first request.</summary>
    public async Task<string> GetAuditAsync(string name, int tail, CancellationToken cancellationToken)
    {
        await RequireAsync(name, cancellationToken);
        return await AuditLogReader.TailAsync(auditDirectory, name, tail, cancellationToken);
    }

    /// <summary>Each sensitive bind the request asked for by name: a warning in the daemon's log and a line in the
    /// workload's audit log.</summary>
    private void RecordSensitiveMounts(WorkloadSpec spec)
    {
        if (!spec.AllowSensitiveMounts)
        {
            return;
        }

        foreach (var (hostPath, reason) in sensitiveMounts.Find(spec))
        {
            LogSensitiveMount(spec.Name, hostPath, reason);
            AuditLog.WriteLifecycle(
                auditDirectory, spec.Name, "toolshed/create", hostPath,
                $"sensitive mount {hostPath} accepted ({reason}): the request set {SensitiveMountRules.OptInField}", time.GetUtcNow());
        }
    }

    private async Task<WorkloadRecord> RequireAsync(string name, CancellationToken cancellationToken) =>
        await store.GetAsync(name, cancellationToken) ?? throw WorkloadErrors.NotFound(name);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created workload {WorkloadName} from {Image} on port {Port}")]
    private partial void LogCreated(string workloadName, string image, int port);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Workload {WorkloadName} binds the sensitive host path {HostPath} ({Reason}), as its request asked with allow_sensitive_mounts")]
    private partial void LogSensitiveMount(string workloadName, string hostPath, string reason);
}
