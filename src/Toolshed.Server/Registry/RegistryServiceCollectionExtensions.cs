using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Toolshed.Core.Registry;
using Toolshed.Server.Registry.Api;

namespace Toolshed.Server.Registry;

/// <summary>Registers the registry service, its startup reload, its HttpClient and its JSON contexts.</summary>
public static class RegistryServiceCollectionExtensions
{
    public static IServiceCollection AddToolshedRegistry(this IServiceCollection services)
    {
        services.AddHttpClient(RegistrySourceLoader.HttpClientName, client =>
        {
            client.Timeout = RegistrySourceLoader.FetchTimeout;
            client.MaxResponseContentBufferSize = RegistryLoader.MaxDocumentBytes;
        });
        services.AddSingleton<RegistryService>();
        services.AddHostedService<RegistryInitializer>();
        services.TryAddSingleton(new RegistryRefreshOptions());
        services.AddHostedService<RegistryRefresher>();
        // Inserted first, like the API's own context, so these types never fall back to reflection.
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, RegistryApiJsonContext.Default);
            json.SerializerOptions.TypeInfoResolverChain.Add(RegistryJsonContext.Default);
        });
        return services;
    }
}
