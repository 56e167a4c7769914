using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Toolshed.Core.Errors;
using Toolshed.Core.Runtime;
using Toolshed.Core.Workloads;
using Toolshed.Runtime.Docker.Egress;
using Toolshed.Runtime.Docker.Engine;
using Toolshed.Runtime.Docker.Packages;
using Toolshed.Core.Packages;

namespace Toolshed.Runtime.Docker.Workloads;

/// <summary>
/// Workloads as Docker containers: one container per workload (toolshed-NAME), stdio attached before start so no
/// output is lost, HTTP servers reached at a published port, or at their address on an internal network behind an
/// egress sidecar when the profile has an allow-list. Only containers and networks this daemon's labels mark as its
/// own are ever adopted, stopped or removed.
/// </summary>
internal sealed partial class DockerWorkloadRuntime(
    IContainerEngine engine,
    DaemonInstance instance,
    EgressGateway egress,
    PackageImages packages,
    ILogger<DockerWorkloadRuntime> logger) : IWorkloadRuntime
{
    public const long DefaultMemoryLimitBytes = ContainerSpecFactory.DefaultMemoryLimitBytes;
    public const long DefaultPidsLimit = ContainerSpecFactory.DefaultPidsLimit;
    private static readonly TimeSpan s_stopTimeout = TimeSpan.FromSeconds(10);

    private readonly ForeignNames _foreign = new(engine, instance);

    public Task PingAsync(CancellationToken cancellationToken) => engine.PingAsync(cancellationToken);

    public Task<bool> HasImageAsync(string image, CancellationToken cancellationToken) => engine.ImageExistsAsync(image, cancellationToken);

    public Task PrepareImageAsync(string image, IProgress<ImagePullProgress>? progress, CancellationToken cancellationToken) =>
        engine.EnsureImageAsync(image, progress, cancellationToken);

    public Task<bool> HasPackageAsync(PackageSpec package, CancellationToken cancellationToken) => packages.ExistsAsync(package, cancellationToken);

    public Task PreparePackageAsync(
        PackageSpec package, bool rebuild, IReadOnlyDictionary<string, string> credentials, IProgress<ImagePullProgress>? progress, CancellationToken cancellationToken) =>
        packages.EnsureAsync(package, rebuild, credentials, progress, cancellationToken);

    public Task EnsureNameFreeAsync(string workload, CancellationToken cancellationToken) => _foreign.EnsureFreeAsync(workload, cancellationToken);

    public async Task<LaunchedWorkload> LaunchAsync(WorkloadLaunch launch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(launch);
        var existing = await engine.InspectContainerAsync(ContainerSpecFactory.ContainerName(launch.Name), cancellationToken);
        if (existing is not null)
        {
            _foreign.ThrowIfForeign(existing, launch.Name);
            if (launch.Adopt && AdoptionRules.CanAdopt(existing, launch))
            {
                return await StartExistingAsync(launch, existing.Id, cancellationToken);
            }
        }

        return await CreateAndStartAsync(launch, existing, cancellationToken);
    }

    public async Task RepairAsync(WorkloadDefinition definition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        await EnsureEgressAsync(definition, cancellationToken);
    }

    public async Task StopAsync(string workload, CancellationToken cancellationToken)
    {
        if (await OwnedContainerAsync(workload, cancellationToken) is { } container)
        {
            await engine.StopContainerAsync(container.Id, s_stopTimeout, cancellationToken);
        }

        await egress.StopAsync(workload, cancellationToken);
    }

    public async Task RemoveAsync(string workload, CancellationToken cancellationToken)
    {
        if (await OwnedContainerAsync(workload, cancellationToken) is { } container)
        {
            await engine.RemoveContainerAsync(container.Id, force: true, cancellationToken);
        }

        await egress.RemoveAsync(workload, cancellationToken);
    }

    public async Task<WorkloadInstance?> InspectAsync(string workload, CancellationToken cancellationToken) =>
        await OwnedContainerAsync(workload, cancellationToken) is { } container ? InstanceMapper.Map(workload, container) : null;

    public async Task<RuntimeObservation> ObserveAsync(CancellationToken cancellationToken)
    {
        var owned = new OwnedContainers();
        foreach (var container in await engine.ListContainersAsync(instance.OwnedFilter, all: true, cancellationToken))
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

        var instances = new Dictionary<string, WorkloadInstance>(StringComparer.Ordinal);
        foreach (var (name, container) in owned.Workloads)
        {
            // A container on its egress network has no way out but its sidecar: without a running one it is not served.
            var needsSidecar = container.NetworkMode == EgressGateway.NetworkName(name);
            var sidecarRunning = owned.Sidecars.TryGetValue(name, out var sidecar) && sidecar.IsRunning;
            instances[name] = InstanceMapper.Map(name, container, supportRunning: !needsSidecar || sidecarRunning);
        }

        var leftovers = new HashSet<string>(owned.Sidecars.Keys, StringComparer.Ordinal);
        leftovers.UnionWith(await egress.NetworkOwnersAsync(cancellationToken));
        leftovers.ExceptWith(owned.Workloads.Keys);
        return new RuntimeObservation { Instances = instances, Leftovers = leftovers };
    }

    public async IAsyncEnumerable<WorkloadLogLine> GetLogsAsync(
        string workload, WorkloadLogOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (await OwnedContainerAsync(workload, cancellationToken) is not { } container)
        {
            yield break;
        }

        await foreach (var line in engine.GetLogsAsync(container.Id, options, cancellationToken))
        {
            yield return line;
        }
    }

    public IAsyncEnumerable<EgressDecision> WatchEgressAsync(string workload, CancellationToken cancellationToken) =>
        egress.WatchAsync(workload, cancellationToken);

    public Task<RuntimePurge> PurgeAsync(CancellationToken cancellationToken) => EnginePurge.RunAsync(engine, instance, cancellationToken);

    public RuntimeDescription Describe(WorkloadDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var spec = definition.Spec;
        return new RuntimeDescription
        {
            Network = definition.AllowList is not null ? "allow-list" : ContainerSpecFactory.NetworkModeOf(definition) == "none" ? "none" : "all",
            Labels = ContainerSpecFactory.Labels(spec, instance.Id),
            MemoryLimitBytes = spec.MemoryLimitBytes ?? DefaultMemoryLimitBytes,
            PidsLimit = spec.PidsLimit ?? DefaultPidsLimit,
            PackageArtifact = spec.Package is { } package ? PackageImages.TagFor(package) : null,
        };
    }

    /// <summary>Creates a fresh container (removing a leftover of its own of the same name) and starts it.</summary>
    private async Task<LaunchedWorkload> CreateAndStartAsync(WorkloadLaunch launch, ContainerDetails? leftover, CancellationToken cancellationToken)
    {
        if (launch.Spec.Package is { } package)
        {
            await packages.EnsureAsync(package, rebuild: false, launch.BuildCredentials, progress: null, cancellationToken);
        }
        else
        {
            await engine.EnsureImageAsync(launch.Spec.Image, progress: null, cancellationToken);
        }

        if (leftover is not null)
        {
            LogRemovingLeftover(launch.Name, ShortId(leftover.Id));
            await engine.RemoveContainerAsync(leftover.Id, force: true, cancellationToken);
        }

        string? id = null;
        try
        {
            var route = await EnsureEgressAsync(launch.Definition, cancellationToken);
            id = await engine.CreateContainerAsync(ContainerSpecFactory.Create(launch, instance.Id, route), cancellationToken);
            return await StartExistingAsync(launch, id, cancellationToken);
        }
        catch
        {
            if (id is not null)
            {
                await engine.RemoveContainerAsync(id, force: true, CancellationToken.None);
            }

            await RemoveEgressQuietlyAsync(launch.Name);
            throw;
        }
    }

    /// <summary>Starts (or, when it runs already, adopts) an existing container and says how to reach it.</summary>
    private async Task<LaunchedWorkload> StartExistingAsync(WorkloadLaunch launch, string containerId, CancellationToken cancellationToken)
    {
        var spec = launch.Spec;
        var details = await engine.InspectContainerAsync(containerId, cancellationToken)
            ?? throw new ContainerEngineException($"The container of '{spec.Name}' disappeared while it was being started.");
        IStdioChannel? stdio = null;
        if (spec.Transport == McpTransport.Stdio)
        {
            stdio = await engine.AttachStdioAsync(containerId, cancellationToken);
        }

        try
        {
            await EnsureEgressAsync(launch.Definition, cancellationToken);
            if (!details.IsRunning)
            {
                await engine.StartContainerAsync(containerId, cancellationToken);
            }

            WorkloadUpstream upstream = stdio is not null
                ? new StdioUpstream(stdio)
                : new HttpUpstream(UpstreamAddress.Of(spec, await engine.InspectContainerAsync(containerId, cancellationToken)));
            LogStarted(spec.Name, ShortId(containerId));
            return new LaunchedWorkload(containerId, upstream);
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

    /// <summary>Brings up the sidecar and network that hold the workload to its allow-list; null when it has none.
    /// Also repairs a sidecar that stopped while the workload kept running.</summary>
    private async Task<EgressRoute?> EnsureEgressAsync(WorkloadDefinition definition, CancellationToken cancellationToken) =>
        definition.AllowList is { } policy
            ? await egress.EnsureAsync(definition.Name, policy, hostReachable: definition.Spec.Transport != McpTransport.Stdio, cancellationToken)
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

    /// <summary>The workload's container when this daemon owns it; a foreign one of that name is not ours to touch.</summary>
    private async Task<ContainerDetails?> OwnedContainerAsync(string workload, CancellationToken cancellationToken) =>
        await engine.InspectContainerAsync(ContainerSpecFactory.ContainerName(workload), cancellationToken) is { } container
            && instance.Owns(container.Labels)
                ? container
                : null;

    private static string ShortId(string id) => id.Length > 12 ? id[..12] : id;

    [LoggerMessage(Level = LogLevel.Information, Message = "Workload {WorkloadName} started in container {ContainerId}")]
    private partial void LogStarted(string workloadName, string containerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not remove the egress sidecar of {WorkloadName}: {Reason}")]
    private partial void LogEgressCleanupFailed(string workloadName, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removing leftover container {ContainerId} of workload {WorkloadName}")]
    private partial void LogRemovingLeftover(string workloadName, string containerId);
}
