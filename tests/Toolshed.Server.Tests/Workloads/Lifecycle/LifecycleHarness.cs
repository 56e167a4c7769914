using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Toolshed.Core.Workloads;
using Toolshed.Server.Reconciliation;
using Toolshed.Server.Workloads;
using Toolshed.Server.Workloads.Lifecycle;
using Toolshed.Server.Workloads.Persistence;
using Toolshed.Server.Workloads.Validation;
using Toolshed.Testing;
using Toolshed.Testing.Fakes;

namespace Toolshed.Server.Tests.Workloads.Lifecycle;

/// <summary>The lifecycle core wired as the daemon wires it, on a real store in a temporary directory and fakes for
/// the runtime, the proxies, the secrets and the observers. <see cref="RestartDaemonAsync"/> builds a second daemon
/// on the same store and runtime, as a restart would.</summary>
internal sealed class LifecycleHarness : IAsyncDisposable
{
    private readonly TemporaryDirectory _directory = new("toolshed-lifecycle");

    public LifecycleHarness()
    {
        Store = new WorkloadStore(TestPaths.In(_directory));
        Supervisor = NewSupervisor();
        Reconciler = NewReconciler();
    }

    public FakeWorkloadRuntime Runtime { get; } = new();

    public FakeProxyHost Proxies { get; } = new();

    public FakeSecrets Secrets { get; } = new();

    public RecordingEvents Events { get; } = new();

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.Parse("2026-12-02T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    public ReconcilerOptions Options { get; } = new() { InitialBackoff = TimeSpan.FromSeconds(1), MaxBackoff = TimeSpan.FromSeconds(8) };

    public WorkloadStore Store { get; }

    public WorkloadSupervisor Supervisor { get; private set; }

    public Reconciler Reconciler { get; private set; }

    public WorkloadConfigHasher Hasher => new(TestPaths.In(_directory));

    public static WorkloadDefinition Definition(string name, string profile = "none", params SecretReference[] secrets) =>
        WorkloadDefinitions.From(new WorkloadSpec
        {
            Name = name,
            Image = "example/server:1",
            Transport = McpTransport.StreamableHttp,
            TargetPort = 8080,
            PermissionProfile = profile,
            Secrets = secrets,
        });

    /// <summary>The daemon goes away (its proxies released, workloads left running) and a new one starts on the same state.</summary>
    public async Task RestartDaemonAsync()
    {
        await Supervisor.DisposeAsync();
        Supervisor = NewSupervisor();
        Reconciler = NewReconciler();
    }

    public Task ReconcileAsync() => Reconciler.ReconcileOnceAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        await Supervisor.DisposeAsync();
        Reconciler.Dispose();
        _directory.Dispose();
    }

    /// <summary>The container runtime is the fake; remote workloads get the real remote runtime on this state root.</summary>
    public WorkloadRuntimes Runtimes => _runtimes ??= new WorkloadRuntimes(
        Runtime,
        new Toolshed.Remote.RemoteWorkloadRuntime(
            new Toolshed.Core.Secrets.EncryptedSecretStore(Toolshed.Core.Secrets.SecretStoreOptions.For(TestPaths.In(_directory), "lifecycle-test")),
            Time,
            NullLoggerFactory.Instance));

    private WorkloadRuntimes? _runtimes;

    private WorkloadSupervisor NewSupervisor() => new(
        Store,
        Runtimes,
        Proxies,
        new WorkloadLauncher(Runtimes, Secrets, Hasher, NullLogger<WorkloadLauncher>.Instance),
        Time,
        [Events],
        NullLogger<WorkloadSupervisor>.Instance);

    private Reconciler NewReconciler() => new(Store, Runtimes, Supervisor, Options, Time, NullLogger<Reconciler>.Instance);
}
