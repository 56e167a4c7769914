using Microsoft.Extensions.Hosting;

namespace Toolshed.Server.Registry;

/// <summary>Reads the added registries' sources again every <see cref="RegistryRefreshOptions.Interval"/> (none when zero).</summary>
internal sealed class RegistryRefresher(RegistryService registries, RegistryRefreshOptions options, TimeProvider timeProvider) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Interval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Interval, timeProvider);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await registries.RefreshAsync(stoppingToken);
        }
    }
}
