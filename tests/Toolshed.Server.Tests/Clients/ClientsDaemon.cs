using Microsoft.Extensions.DependencyInjection;
using Toolshed.Server.Clients;
using Toolshed.Testing;

namespace Toolshed.Server.Tests.Clients;

/// <summary>
/// A real daemon whose client configs live in a temporary home, never the real one, and whose readiness probe is
/// <see cref="Probe"/> (no real server answers in these tests).
/// </summary>
internal sealed class ClientsDaemon : IAsyncDisposable
{
    private readonly TemporaryDirectory _directory = new("toolshed-clients-api");

    private ClientsDaemon()
    {
    }

    public DaemonHost Daemon { get; private set; } = null!;

    public FakeReadinessProbe Probe { get; } = new();

    public string Home => _directory.Combine("home");

    public string ConfigRoot => _directory.Combine("config");

    /// <summary>A directory next to the daemon's home, for requests that name another user's home.</summary>
    public string Combine(string name) => _directory.Combine(name);

    /// <param name="readinessTimeout">How long the watcher waits for a workload to answer; two minutes by default.</param>
    /// <param name="clientsJson">A clients.json to find at start, as an older version left it.</param>
    public static async Task<ClientsDaemon> StartAsync(TimeSpan? readinessTimeout = null, string? clientsJson = null)
    {
        var result = new ClientsDaemon();
        Directory.CreateDirectory(result.Home);
        if (clientsJson is not null)
        {
            Directory.CreateDirectory(result.ConfigRoot);
            await File.WriteAllTextAsync(Path.Combine(result.ConfigRoot, "clients.json"), clientsJson, TestContext.Current.CancellationToken);
        }

        var options = new ClientOptions
        {
            HomeDirectory = result.Home,
            StdioCommand = "shed",
            ReadinessRetryInterval = TimeSpan.FromMilliseconds(10),
            ReadinessTimeout = readinessTimeout ?? TimeSpan.FromMinutes(2),
        };
        result.Daemon = await DaemonHost.StartAsync(
            TestPaths.In(result._directory),
            TestContext.Current.CancellationToken,
            builder =>
            {
                builder.Services.AddSingleton(options);
                builder.Services.AddSingleton<IWorkloadReadinessProbe>(result.Probe);
            });
        return result;
    }

    public string InHome(params string[] parts) => Path.Combine([Home, .. parts]);

    public async ValueTask DisposeAsync()
    {
        await Daemon.DisposeAsync();
        _directory.Dispose();
    }
}
