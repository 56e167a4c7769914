using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Toolshed.Core.Configuration;
using Toolshed.Server.Clients.Api;
using Toolshed.Server.Workloads.Persistence;

namespace Toolshed.Server.Clients;

/// <summary>Registers client discovery and config management, and hooks it to workload events through readiness.</summary>
public static class ClientsServiceCollectionExtensions
{
    public static IServiceCollection AddToolshedClients(this IServiceCollection services)
    {
        // Tests register their own options (a temporary home) and probe after this; the last registration wins.
        services.TryAddSingleton(_ => ClientOptions.FromEnvironment());
        services.TryAddSingleton<IWorkloadReadinessProbe>(_ => new McpInitializeProbe());
        services.TryAddSingleton<ReadyWorkloads>();
        services.TryAddSingleton(provider => new RegisteredClientStore(
            provider.GetRequiredService<ToolshedPaths>(), provider.GetRequiredService<ClientOptions>().DefaultHome));
        services.TryAddSingleton(provider => new ClientService(
            provider.GetRequiredService<ClientOptions>(),
            provider.GetRequiredService<RegisteredClientStore>(),
            provider.GetRequiredService<WorkloadStore>(),
            provider.GetRequiredService<ReadyWorkloads>(),
            provider.GetRequiredService<ILogger<ClientService>>(),
            provider.GetService<IGroupEndpoints>()));
        services.TryAddSingleton(provider => new WorkloadReadinessWatcher(
            provider.GetRequiredService<IWorkloadReadinessProbe>(),
            provider.GetRequiredService<ReadyWorkloads>(),
            provider.GetRequiredService<ClientService>(),
            provider.GetRequiredService<ClientOptions>(),
            provider.GetService<TimeProvider>() ?? TimeProvider.System,
            provider.GetRequiredService<ILogger<WorkloadReadinessWatcher>>()));
        services.AddSingleton<IWorkloadEvents>(provider => provider.GetRequiredService<WorkloadReadinessWatcher>());
        services.AddHostedService(provider => provider.GetRequiredService<WorkloadReadinessWatcher>());
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, ClientsApiJsonContext.Default));
        return services;
    }
}
