using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Hosting;
using Toolshed.Core.Configuration;
using Toolshed.Server.Api;

namespace Toolshed.Server.Hosting;

/// <summary>Writes daemon.json once the API listens (its real port known); the lock removes it at shutdown.</summary>
internal sealed class DaemonInfoPublisher(DaemonLock daemonLock, IServer server, IHostApplicationLifetime lifetime, TimeProvider time)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(Publish);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Publish()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (address is null)
        {
            return;
        }

        daemonLock.Publish(new DaemonInfo
        {
            Url = address.Replace("://[::]", "://[::1]", StringComparison.Ordinal).Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal),
            ProcessId = Environment.ProcessId,
            Version = SystemEndpoints.ProductVersion,
            StartedAt = time.GetUtcNow(),
        });
    }
}
