using Microsoft.Extensions.Logging;
using Toolshed.Core.Errors;
using Toolshed.Core.Runtime;
using Toolshed.Core.Workloads;
using Toolshed.Runtime.Docker.Engine;
using Toolshed.Server.Workloads.Egress;

namespace Toolshed.Server.Workloads;

/// <summary>
/// Brings one workload's container up behind an already-listening proxy: resolves secrets, creates (or reuses) the
/// container, attaches stdio before starting so no output is lost, and points the proxy at it.
/// </summary>
internal sealed partial class WorkloadLauncher(
    IContainerEngine runtime,
    ISecretResolver secrets,
    DaemonInstance instance,
    WorkloadConfigHasher hasher,
    EgressGateway egress,
    ILogger<WorkloadLauncher> logger)
{
    public static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    private readonly ForeignNames _foreign = new(runtime, instance);

    /// <summary>Resolves every secret the spec references; a missing one is a 400 naming it (never its value).</summary>
    public async Task<Dictionary<string, string>> ResolveSecretsAsync(WorkloadSpec spec, CancellationToken cancellationToken)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var reference in spec.Secrets)
        {
            var value = await secrets.GetAsync(reference.Name, cancellationToken)
                ?? throw new InvalidInputException(
                    $"The secret '{reference.Name}' does not exist. Create it with `shed secret set {reference.Name}`, then try again.",
                    "secrets");
            environment[reference.Target] = value;
        }

        return environment;
    }

    /// <summary>
    /// The toolshed.config-hash a container created now would carry; a container labelled otherwise was created with
    /// another environment (e.g. before `secret set`) and must be recreated rather than reused.
    /// </summary>
    public async Task<string> ConfigHashAsync(WorkloadSpec spec, CancellationToken cancellationToken) =>
        hasher.Hash(spec.Environment, await ResolveSecretsAsync(spec, cancellationToken));

    /// <summary>Creates a fresh container (removing a leftover of its own of the same name; a 409 when the name is held
    /// by a container this daemon does not own) and starts it behind the proxy.</summary>
    public async Task<string> CreateAndStartAsync(WorkloadSpec spec, LiveWorkload live, CancellationToken cancellationToken)
    {
        var secretEnvironment = await ResolveSecretsAsync(spec, cancellationToken);
        await runtime.EnsureImageAsync(spec.Image, progress: null, cancellationToken);
        var containerName = ContainerSpecFactory.ContainerName(spec.Name);
        if (await runtime.InspectContainerAsync(containerName, cancellationToken) is { } leftover)
        {
            _foreign.ThrowIfForeign(leftover, spec.Name);
            LogRemovingLeftover(spec.Name, ShortId(leftover.Id));
            await runtime.RemoveContainerAsync(leftover.Id, force: true, cancellationToken);
        }

        string? id = null;
        try
        {
            var route = await EnsureEgressAsync(spec, cancellationToken);
            var containerSpec = ContainerSpecFactory.Create(
                spec, secretEnvironment, instance.Id, hasher.Hash(spec.Environment, secretEnvironment), route);
            id = await runtime.CreateContainerAsync(containerSpec, cancellationToken);
            await StartExistingAsync(spec, id, live, cancellationToken);
        }
        catch
        {
            await live.DetachAsync();
            if (id is not null)
            {
                await runtime.RemoveContainerAsync(id, force: true, CancellationToken.None);
            }

            await RemoveEgressQuietlyAsync(spec.Name);
            throw;
        }

        return id;
    }

    /// <summary>Brings up the sidecar and network that hold the workload to its allow-list; null when it has none.
    /// Also repairs a sidecar that stopped while the workload kept running.</summary>
    public async Task<EgressRoute?> EnsureEgressAsync(WorkloadSpec spec, CancellationToken cancellationToken) =>
        ContainerSpecFactory.EgressPolicyOf(spec) is { } policy
            ? await egress.EnsureAsync(spec.Name, policy, hostReachable: spec.Transport != McpTransport.Stdio, cancellationToken)
            : null;

    private async Task RemoveEgressQuietlyAsync(string workload)
    {
        try
        {
            await egress.RemoveAsync(workload, CancellationToken.None);
        }
        catch (ToolshedException ex)
        {
            LogEgressCleanupFailed(workload, ex.Message);
        }
    }

    /// <summary>Starts (or, when it runs already, adopts) an existing container and attaches the proxy to it.</summary>
    public async Task StartExistingAsync(WorkloadSpec spec, string containerId, LiveWorkload live, CancellationToken cancellationToken)
    {
        var details = await runtime.InspectContainerAsync(containerId, cancellationToken)
            ?? throw new ContainerEngineException($"The container of '{spec.Name}' disappeared while it was being started.");
        IStdioChannel? stdio = null;
        if (spec.Transport == McpTransport.Stdio)
        {
            stdio = await runtime.AttachStdioAsync(containerId, cancellationToken);
        }

        try
        {
            await EnsureEgressAsync(spec, cancellationToken);
            if (!details.IsRunning)
            {
                await runtime.StartContainerAsync(containerId, cancellationToken);
            }

            live.Attach(containerId, stdio);
            WorkloadUpstream upstream = stdio is not null
                ? new StdioUpstream(stdio)
                : new HttpUpstream(new Uri(await UpstreamAsync(spec, containerId, cancellationToken), spec.Transport == McpTransport.Sse ? "/sse" : "/mcp"));
            await live.Proxy.AttachAsync(upstream, cancellationToken);

            LogStarted(spec.Name, ShortId(containerId), live.Proxy.Port);
        }
        catch
        {
            if (stdio is not null)
            {
                await stdio.DisposeAsync();
            }

            throw;
        }
    }

    private async Task<Uri> UpstreamAsync(WorkloadSpec spec, string containerId, CancellationToken cancellationToken)
    {
        var details = await runtime.InspectContainerAsync(containerId, cancellationToken);
        if (details is not null && details.NetworkAddresses.TryGetValue(EgressGateway.NetworkName(spec.Name), out var address))
        {
            // Held to an allow-list on an internal network: nothing is published, the server is reached at its address there.
            return new Uri($"http://{address}:{spec.TargetPort}");
        }

        var published = details?.Ports.FirstOrDefault(port => port.ContainerPort == spec.TargetPort && port.HostPort > 0)
            ?? throw new ContainerEngineException(
                $"The engine did not publish port {spec.TargetPort} of '{spec.Name}'; the container may have exited at once. See `shed logs {spec.Name}`.");
        var host = string.IsNullOrEmpty(published.HostIp) || published.HostIp == "0.0.0.0" ? "127.0.0.1" : published.HostIp;
        return new Uri($"http://{host}:{published.HostPort}");
    }

    internal static string ShortId(string id) => id.Length > 12 ? id[..12] : id;

    [LoggerMessage(Level = LogLevel.Information, Message = "Workload {WorkloadName} started in container {ContainerId}, served on port {Port}")]
    private partial void LogStarted(string workloadName, string containerId, int port);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not remove the egress sidecar of {WorkloadName}: {Reason}")]
    private partial void LogEgressCleanupFailed(string workloadName, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removing leftover container {ContainerId} of workload {WorkloadName}")]
    private partial void LogRemovingLeftover(string workloadName, string containerId);
}
