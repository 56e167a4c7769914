using Toolshed.Core.Workloads;

namespace Toolshed.Core.Runtime;

/// <summary>
/// Where workloads run, at the level of a whole workload: Docker today (a container, plus an egress sidecar and an
/// internal network when the workload has an allow-list), sandboxed processes and Kubernetes next. Everything specific
/// to one runtime (specs, networks, ports, labels, adoption rules, the engine's errors) stays behind this seam;
/// failures come out as <see cref="Errors.ToolshedException"/>s that mean something to a user, never as engine codes.
/// Implementations are thread-safe but do not serialize operations on one name: the caller (the supervisor) does.
/// </summary>
public interface IWorkloadRuntime
{
    /// <summary>Checks that the runtime answers; throws <see cref="Errors.ContainerEngineUnavailableException"/> when not.</summary>
    Task PingAsync(CancellationToken cancellationToken);

    /// <summary>Whether the image (or, later, package) is available locally.</summary>
    Task<bool> HasImageAsync(string image, CancellationToken cancellationToken);

    /// <summary>Makes the image available locally, reporting progress; throws <see cref="Errors.ImageUnavailableException"/>
    /// when it can be neither found nor fetched.</summary>
    Task PrepareImageAsync(string image, IProgress<ImagePullProgress>? progress, CancellationToken cancellationToken);

    /// <summary>Whether a package workload's runnable form (Docker: its built image) exists locally.</summary>
    Task<bool> HasPackageAsync(Packages.PackageSpec package, CancellationToken cancellationToken);

    /// <summary>Makes a package runnable (Docker: builds its image unless one from the same inputs exists, or
    /// <paramref name="rebuild"/>), with <paramref name="credentials"/> (file name to content) for the installer, reporting progress; throws <see cref="Errors.ImageUnavailableException"/> when the
    /// package cannot be built.</summary>
    Task PreparePackageAsync(
        Packages.PackageSpec package,
        bool rebuild,
        IReadOnlyDictionary<string, string> credentials,
        IProgress<ImagePullProgress>? progress,
        CancellationToken cancellationToken);

    /// <summary>Throws a <see cref="Errors.ConflictException"/> saying what to do when something this daemon does not own
    /// holds a name the workload would need; called before anything is created.</summary>
    Task EnsureNameFreeAsync(string workload, CancellationToken cancellationToken);

    /// <summary>
    /// Brings the workload up and returns how to reach it. Adopts the instance it finds when that was made from the
    /// same inputs (<see cref="WorkloadLaunch.Fingerprint"/>, port, network), starting it when stopped; otherwise replaces
    /// it. On failure nothing it created is left behind.
    /// </summary>
    Task<LaunchedWorkload> LaunchAsync(WorkloadLaunch launch, CancellationToken cancellationToken);

    /// <summary>Brings back the parts a running instance depends on (Docker: its egress sidecar) without touching the server.</summary>
    Task RepairAsync(WorkloadDefinition definition, CancellationToken cancellationToken);

    /// <summary>Stops the workload's instance and what serves it; stopping a stopped or missing one is not an error.</summary>
    Task StopAsync(string workload, CancellationToken cancellationToken);

    /// <summary>Removes everything the workload has in the runtime; what is missing is not an error.</summary>
    Task RemoveAsync(string workload, CancellationToken cancellationToken);

    /// <summary>The workload's instance, or null when it has none.</summary>
    Task<WorkloadInstance?> InspectAsync(string workload, CancellationToken cancellationToken);

    /// <summary>Everything this daemon owns in the runtime, in one pass: instances by workload, and workloads that left
    /// only supporting parts behind.</summary>
    Task<RuntimeObservation> ObserveAsync(CancellationToken cancellationToken);

    /// <summary>The workload's output: the last lines, then new ones when following.</summary>
    IAsyncEnumerable<WorkloadLogLine> GetLogsAsync(string workload, WorkloadLogOptions options, CancellationToken cancellationToken);

    /// <summary>
    /// The decisions of the workload's egress allow-list as they are made from now on, until the workload stops or
    /// <paramref name="cancellationToken"/> fires; nothing for a workload without an allow-list or a runtime that has none.
    /// </summary>
    IAsyncEnumerable<EgressDecision> WatchEgressAsync(string workload, CancellationToken cancellationToken) =>
        AsyncEnumerable.Empty<EgressDecision>();

    /// <summary>Removes everything this daemon owns in the runtime (instances, supporting parts, images only it uses), for
    /// `shed daemon uninstall --purge`; what another daemon still uses is kept and said so.</summary>
    Task<RuntimePurge> PurgeAsync(CancellationToken cancellationToken);

    /// <summary>How the runtime places this workload, for showing it (network reach, labels, limits).</summary>
    RuntimeDescription Describe(WorkloadDefinition definition);
}
