using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Toolshed.Proxy.Auth;

namespace Toolshed.Proxy;

/// <summary>Registers what every workload and group endpoint shares: the factories, YARP's forwarder, logging, telemetry and the clock.</summary>
public static class ProxyServiceCollectionExtensions
{
    public static IServiceCollection AddToolshedProxy(this IServiceCollection services)
    {
        services.AddLogging();
        services.AddHttpForwarder();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<OidcValidatorFactory>();
        services.AddMetrics();
        services.TryAddSingleton(new Telemetry.TelemetryOptions());
        services.TryAddSingleton<Telemetry.McpTelemetry>();
        services.TryAddSingleton(provider => new Telemetry.Stats.EndpointStatsStore(provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<WorkloadProxyFactory>();
        services.TryAddSingleton<Groups.GroupProxyFactory>();
        return services;
    }
}
