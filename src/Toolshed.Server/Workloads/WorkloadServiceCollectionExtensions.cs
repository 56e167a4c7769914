using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Toolshed.Core.Configuration;
using Toolshed.Proxy;
using Toolshed.Runtime.Docker;
using Toolshed.Core.Runtime;
using Toolshed.Server.Clients;
using Toolshed.Server.Reconciliation;
using Toolshed.Server.Secrets;
using Toolshed.Server.Workloads.Lifecycle;
using Toolshed.Server.Workloads.Persistence;
using Toolshed.Server.Workloads.Proxies;
using Toolshed.Server.Workloads.Validation;

namespace Toolshed.Server.Workloads;

/// <summary>Registers the workload manager and supervisor, their store, the Docker runtime, the proxies and the reconciler.</summary>
public static class WorkloadServiceCollectionExtensions
{
    public static IServiceCollection AddWorkloads(this IServiceCollection services)
    {
        services.AddDockerRuntime();
        services.AddToolshedProxy();
        services.AddToolshedSecrets();
        services.TryAddSingleton<IServerCatalog, RegistryServerCatalog>();
        services.TryAddSingleton(new ProxyDefaults());
        services.TryAddSingleton<IWorkloadProxyHost, WorkloadProxyHost>();
        services.TryAddSingleton(new ReconcilerOptions());
        services.AddSingleton<WorkloadStore>();
        services.AddSingleton(provider => new SensitiveMountRules(
            provider.GetRequiredService<ToolshedPaths>(),
            SensitiveMountRules.EngineSockets(
                provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<DockerRuntimeOptions>>().Value.Endpoint,
                Environment.GetEnvironmentVariable)));
        services.AddSingleton(provider => new CreateRequestMapper(
            provider.GetRequiredService<IServerCatalog>(),
            provider.GetRequiredService<SensitiveMountRules>(),
            provider.GetRequiredService<Packages.PackageResolver>()));
        services.AddSingleton(provider => new WorkloadConfigHasher(provider.GetRequiredService<ToolshedPaths>()));
        services.TryAddSingleton<Remote.RemoteWorkloadRuntime>();
        services.AddSingleton(provider => new WorkloadRuntimes(
            provider.GetRequiredService<IWorkloadRuntime>(), provider.GetRequiredService<Remote.RemoteWorkloadRuntime>()));
        services.AddSingleton<WorkloadLauncher>();
        services.AddSingleton(provider =>
        {
            var supervisor = ActivatorUtilities.CreateInstance<WorkloadSupervisor>(provider);
            provider.GetRequiredService<WorkloadRuntimes>().Remotes.SignedIn = supervisor.ReconnectAfterSignInAsync;
            return supervisor;
        });
        services.AddSingleton(provider => new WorkloadManager(
            provider.GetRequiredService<WorkloadStore>(),
            provider.GetRequiredService<WorkloadRuntimes>(),
            provider.GetRequiredService<WorkloadSupervisor>(),
            provider.GetRequiredService<CreateRequestMapper>(),
            provider.GetRequiredService<SensitiveMountRules>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<WorkloadManager>>(),
            AuditPaths.Directory(provider.GetRequiredService<ToolshedPaths>())));
        services.AddHostedService<Reconciler>();
        return services;
    }
}
