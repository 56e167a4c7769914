using System.Runtime.CompilerServices;
using Toolshed.Core.Errors;
using Toolshed.Core.Runtime;
using Toolshed.Core.Workloads;

namespace Toolshed.Testing.Fakes;

/// <summary>
/// A hand-written <see cref="IWorkloadRuntime"/> that keeps its instances in memory, for unit tests of the lifecycle
/// core (supervisor, reconciler, manager) without an engine. It follows the seam's contract the way the Docker runtime
/// does: launch adopts an instance made from the same inputs unless told not to, a failed launch leaves nothing,
/// stopping or removing what is missing is not an error. Tests crash instances, take their support down, make the
/// next launch fail or hold it at a gate, and read what was done from the counters.
/// </summary>
public sealed class FakeWorkloadRuntime : IWorkloadRuntime
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, FakeInstance> _instances = new(StringComparer.Ordinal);
    private readonly HashSet<string> _leftovers = new(StringComparer.Ordinal);
    private int _nextId;

    /// <summary>Names something of another owner holds: <see cref="EnsureNameFreeAsync"/> refuses them with a 409.</summary>
    public HashSet<string> ForeignNames { get; } = new(StringComparer.Ordinal);

    /// <summary>Thrown by the next launch (once), after the runtime has started work on it.</summary>
    public Exception? NextLaunchFailure { get; set; }

    /// <summary>When set, every launch waits for this task before it creates anything (to hold an operation mid-way).</summary>
    public Task? LaunchGate { get; set; }

    /// <summary>True while the engine "does not answer": every call throws <see cref="ContainerEngineUnavailableException"/>.</summary>
    public bool Down { get; set; }

    /// <summary>What <see cref="HasImageAsync"/> answers for every image.</summary>
    public bool ImagePresent { get; set; } = true;

    /// <summary>What a pull does (report progress, fail, hang until cancelled); by default it succeeds at once.</summary>
    public Func<IProgress<ImagePullProgress>?, CancellationToken, Task> Pull { get; set; } = (_, _) => Task.CompletedTask;

    public int Pulls { get; private set; }

    public int Launches { get; private set; }

    public int Adoptions { get; private set; }

    public int Creations { get; private set; }

    public int Removals { get; private set; }

    public int Repairs { get; private set; }

    /// <summary>Launches currently between their start and their end (to show two never overlap on one name).</summary>
    public int LaunchesInFlight { get; private set; }

    public int MaxLaunchesInFlight { get; private set; }

    public IReadOnlyDictionary<string, FakeInstance> Instances
    {
        get
        {
            lock (_lock)
            {
                return new Dictionary<string, FakeInstance>(_instances, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>Puts an instance in place as if an earlier daemon had launched it (for adoption after a restart).</summary>
    public FakeInstance Seed(WorkloadDefinition definition, string fingerprint, bool running = true)
    {
        ArgumentNullException.ThrowIfNull(definition);
        lock (_lock)
        {
            var instance = new FakeInstance(NewId(), definition.Name, definition.Spec.ProxyPort, fingerprint) { Running = running };
            _instances[definition.Name] = instance;
            return instance;
        }
    }

    /// <summary>Leaves only supporting parts behind for <paramref name="name"/> (a sidecar or network of a cut-short cleanup).</summary>
    public void SeedLeftover(string name)
    {
        lock (_lock)
        {
            _leftovers.Add(name);
        }
    }

    /// <summary>The instance exits on its own, with <paramref name="exitCode"/>.</summary>
    public void Crash(string name, long exitCode)
    {
        lock (_lock)
        {
            var instance = _instances[name];
            instance.Running = false;
            instance.ExitCode = exitCode;
        }
    }

    /// <summary>A part the running instance depends on stops (Docker: its egress sidecar).</summary>
    public void LoseSupport(string name)
    {
        lock (_lock)
        {
            _instances[name].SupportRunning = false;
        }
    }

    public Task PingAsync(CancellationToken cancellationToken)
    {
        ThrowIfDown();
        return Task.CompletedTask;
    }

    public async Task<bool> HasImageAsync(string image, CancellationToken cancellationToken)
    {
        ThrowIfDown();
        await Task.CompletedTask;
        return ImagePresent;
    }

    public async Task PrepareImageAsync(string image, IProgress<ImagePullProgress>? progress, CancellationToken cancellationToken)
    {
        ThrowIfDown();
        lock (_lock)
        {
            Pulls++;
        }

        await Pull(progress, cancellationToken);
    }

    public Task<bool> HasPackageAsync(Core.Packages.PackageSpec package, CancellationToken cancellationToken) => HasImageAsync(package.Reference, cancellationToken);

    public Task PreparePackageAsync(
        Core.Packages.PackageSpec package, bool rebuild, IReadOnlyDictionary<string, string> credentials, IProgress<ImagePullProgress>? progress, CancellationToken cancellationToken) =>
        PrepareImageAsync(package.Reference, progress, cancellationToken);

    public Task EnsureNameFreeAsync(string workload, CancellationToken cancellationToken)
    {
        ThrowIfDown();
        if (ForeignNames.Contains(workload))
        {
            throw new ConflictException($"Something this daemon does not own holds the name of '{workload}'.", "Remove it, or pick another name.");
        }

        return Task.CompletedTask;
    }

    public async Task<LaunchedWorkload> LaunchAsync(WorkloadLaunch launch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(launch);
        ThrowIfDown();
        lock (_lock)
        {
            Launches++;
            LaunchesInFlight++;
            MaxLaunchesInFlight = Math.Max(MaxLaunchesInFlight, LaunchesInFlight);
        }

        try
        {
            if (LaunchGate is { } gate)
            {
                await gate.WaitAsync(cancellationToken);
            }

            lock (_lock)
            {
                if (NextLaunchFailure is { } failure)
                {
                    NextLaunchFailure = null;
                    throw failure;
                }

                if (launch.Adopt && _instances.TryGetValue(launch.Name, out var existing)
                    && existing.ProxyPort == launch.Spec.ProxyPort && existing.Fingerprint == launch.Fingerprint)
                {
                    Adoptions++;
                    existing.Running = true;
                    existing.SupportRunning = true;
                    return Launched(existing, launch.Spec);
                }

                Creations++;
                var created = new FakeInstance(NewId(), launch.Name, launch.Spec.ProxyPort, launch.Fingerprint)
                {
                    Running = true,
                    Secrets = new Dictionary<string, string>(launch.SecretEnvironment, StringComparer.Ordinal),
                };
                _instances[launch.Name] = created;
                _leftovers.Remove(launch.Name);
                return Launched(created, launch.Spec);
            }
        }
        finally
        {
            lock (_lock)
            {
                LaunchesInFlight--;
            }
        }
    }

    public Task RepairAsync(WorkloadDefinition definition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ThrowIfDown();
        lock (_lock)
        {
            Repairs++;
            if (_instances.TryGetValue(definition.Name, out var instance))
            {
                instance.SupportRunning = true;
            }
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(string workload, CancellationToken cancellationToken)
    {
        ThrowIfDown();
        lock (_lock)
        {
            if (_instances.TryGetValue(workload, out var instance) && instance.Running)
            {
                instance.Running = false;
                instance.ExitCode = 0;
            }
        }

        return Task.CompletedTask;
    }

    public Task RemoveAsync(string workload, CancellationToken cancellationToken)
    {
        ThrowIfDown();
        lock (_lock)
        {
            if (_instances.Remove(workload) | _leftovers.Remove(workload))
            {
                Removals++;
            }
        }

        return Task.CompletedTask;
    }

    public Task<WorkloadInstance?> InspectAsync(string workload, CancellationToken cancellationToken)
    {
        ThrowIfDown();
        lock (_lock)
        {
            return Task.FromResult(_instances.TryGetValue(workload, out var instance) ? instance.ToInstance() : null);
        }
    }

    public Task<RuntimeObservation> ObserveAsync(CancellationToken cancellationToken)
    {
        ThrowIfDown();
        lock (_lock)
        {
            return Task.FromResult(new RuntimeObservation
            {
                Instances = _instances.ToDictionary(pair => pair.Key, pair => pair.Value.ToInstance(), StringComparer.Ordinal),
                Leftovers = new HashSet<string>(_leftovers.Except(_instances.Keys), StringComparer.Ordinal),
            });
        }
    }

    public async IAsyncEnumerable<WorkloadLogLine> GetLogsAsync(
        string workload, WorkloadLogOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ThrowIfDown();
        await Task.CompletedTask;
        if (Instances.ContainsKey(workload))
        {
            yield return new WorkloadLogLine(WorkloadLogStream.Stderr, $"{workload} started");
        }
    }

    public Task<RuntimePurge> PurgeAsync(CancellationToken cancellationToken)
    {
        ThrowIfDown();
        lock (_lock)
        {
            var removed = _instances.Keys.Concat(_leftovers).Distinct(StringComparer.Ordinal).Select(name => $"instance {name}").ToList();
            _instances.Clear();
            _leftovers.Clear();
            return Task.FromResult(new RuntimePurge { Removed = removed });
        }
    }

    public RuntimeDescription Describe(WorkloadDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return new RuntimeDescription
        {
            Network = definition.AllowList is not null ? "allow-list" : definition.OutboundUnrestricted ? "all" : "none",
            Labels = new Dictionary<string, string>(StringComparer.Ordinal) { ["fake.name"] = definition.Name },
            MemoryLimitBytes = definition.Spec.MemoryLimitBytes ?? 1024L * 1024 * 1024,
            PidsLimit = definition.Spec.PidsLimit ?? 512,
        };
    }

    private static LaunchedWorkload Launched(FakeInstance instance, WorkloadSpec spec) =>
        new(instance.Id, new HttpUpstream(new Uri($"http://127.0.0.1:9/{instance.Id}/{(spec.Transport == McpTransport.Sse ? "sse" : "mcp")}")));

    private string NewId() => $"fake-{Interlocked.Increment(ref _nextId):D4}";

    private void ThrowIfDown()
    {
        if (Down)
        {
            throw new ContainerEngineUnavailableException("The fake engine is down.", "Bring it back.");
        }
    }
}
