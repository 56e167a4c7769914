using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Toolshed.Server.Clients;

namespace Toolshed.Server.Ui;

/// <summary>The dashboard's parts: sign-ins, embedded files and the live workload feed.</summary>
public static class UiServiceCollectionExtensions
{
    public static IServiceCollection AddToolshedUi(this IServiceCollection services)
    {
        services.TryAddSingleton(new UiSessionOptions());
        services.AddSingleton(provider => new UiSessionStore(provider.GetRequiredService<UiSessionOptions>(), provider.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddSingleton<UiAssets>();
        services.AddSingleton<WorkloadChangeSignal>();
        services.AddSingleton<IWorkloadEvents>(provider => provider.GetRequiredService<WorkloadChangeSignal>());
        services.AddSingleton<WorkloadFeed>();
        return services;
    }
}
