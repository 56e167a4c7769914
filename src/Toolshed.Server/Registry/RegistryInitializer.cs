using Microsoft.Extensions.Hosting;

namespace Toolshed.Server.Registry;

/// <summary>Reloads the remembered registries when the daemon starts (before it serves requests).</summary>
internal sealed class RegistryInitializer(RegistryService registries) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => registries.InitializeAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
