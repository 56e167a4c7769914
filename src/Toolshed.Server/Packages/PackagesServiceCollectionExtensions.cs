using Microsoft.Extensions.DependencyInjection;

namespace Toolshed.Server.Packages;

/// <summary>Registers package resolution: one HTTP client for the registries (host TLS trust, redirects bounded).</summary>
public static class PackagesServiceCollectionExtensions
{
    public static IServiceCollection AddToolshedPackages(this IServiceCollection services, PackageSourceOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton(_ => new PackageResolver(
            new HttpClient(new SocketsHttpHandler
            {
                AllowAutoRedirect = true,
                MaxAutomaticRedirections = 3,
                ConnectTimeout = TimeSpan.FromSeconds(10),
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            })
            {
                Timeout = Timeout.InfiniteTimeSpan,
            },
            options));
        return services;
    }
}
