using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Toolshed.Core.Configuration;
using Toolshed.Server.Clients.Api;
using Toolshed.Server.Workloads.Persistence;

namespace Toolshed.Server.Clients;

/// <summary>Registers client discovery and config management, and hooks it to workload events.</summary>
public static class ClientsServiceCollectionExtensions
{
    public static IServiceCollection AddToolshedClients(this IServiceCollection services)
    {
        // Tests register their own options (a temporary home) after this; the last registration wins.
        services.TryAddSingleton(_ => ClientOptions.FromEnvironment());
        services.TryAddSingleton(provider => new RegisteredClientStore(provider.GetRequiredService<ToolshedPaths>()));
        services.TryAddSingleton(provider => new ClientService(
            provider.GetRequiredService<ClientOptions>(),
            provider.GetRequiredService<RegisteredClientStore>(),
            provider.GetRequiredService<WorkloadStore>(),
            provider.GetRequiredService<ILogger<ClientService>>()));
        services.AddSingleton<IWorkloadEvents>(provider => provider.GetRequiredService<ClientService>());
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, ClientsApiJsonContext.Default));
        return services;
    }
}
