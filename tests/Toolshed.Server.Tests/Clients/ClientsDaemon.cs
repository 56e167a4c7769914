using Microsoft.Extensions.DependencyInjection;
using Toolshed.Server.Clients;
using Toolshed.Testing;

namespace Toolshed.Server.Tests.Clients;

/// <summary>A real daemon whose client configs live in a temporary home, never the real one.</summary>
internal sealed class ClientsDaemon : IAsyncDisposable
{
    private readonly TemporaryDirectory _directory = new("toolshed-clients-api");

    private ClientsDaemon()
    {
    }

    public DaemonHost Daemon { get; private set; } = null!;

    public string Home => _directory.Combine("home");

    public string ConfigRoot => _directory.Combine("config");

    public static async Task<ClientsDaemon> StartAsync()
    {
        var result = new ClientsDaemon();
        Directory.CreateDirectory(result.Home);
        result.Daemon = await DaemonHost.StartAsync(
            TestPaths.In(result._directory),
            TestContext.Current.CancellationToken,
            builder => builder.Services.AddSingleton(new ClientOptions { HomeDirectory = result.Home, StdioCommand = "shed" }));
        return result;
    }

    public string InHome(params string[] parts) => Path.Combine([Home, .. parts]);

    public async ValueTask DisposeAsync()
    {
        await Daemon.DisposeAsync();
        _directory.Dispose();
    }
}
