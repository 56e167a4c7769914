using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Toolshed.Core.Configuration;
using Toolshed.Proxy;
using Toolshed.Runtime.Docker;
using Toolshed.Runtime.Docker.Engine;
using Toolshed.Server.Clients;
using Toolshed.Server.Reconciliation;
using Toolshed.Server.Secrets;
using Toolshed.Server.Workloads.Egress;
using Toolshed.Server.Workloads.Persistence;
using Toolshed.Server.Workloads.Proxies;
using Toolshed.Server.Workloads.Validation;

namespace Toolshed.Server.Workloads;

/// <summary>Registers the workload manager, its store, the container runtime, the proxies and the reconciler.</summary>
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
        services.AddSingleton<DaemonInstance>();
        services.AddSingleton(provider => new SensitiveMountRules(
            provider.GetRequiredService<ToolshedPaths>(),
            SensitiveMountRules.EngineSockets(
                provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<DockerRuntimeOptions>>().Value.Endpoint,
                Environment.GetEnvironmentVariable)));
        services.AddSingleton(provider => new CreateRequestMapper(
            provider.GetRequiredService<IServerCatalog>(), provider.GetRequiredService<SensitiveMountRules>()));
        services.AddSingleton(provider => new WorkloadConfigHasher(provider.GetRequiredService<ToolshedPaths>()));
        services.TryAddSingleton(new EgressOptions());
        services.AddSingleton<EgressImage>();
        services.AddSingleton<EgressGateway>();
        services.AddSingleton(provider => new WorkloadLauncher(
            provider.GetRequiredService<IContainerEngine>(),
            provider.GetRequiredService<ISecretResolver>(),
            provider.GetRequiredService<DaemonInstance>(),
            provider.GetRequiredService<WorkloadConfigHasher>(),
            provider.GetRequiredService<EgressGateway>(),
            provider.GetRequiredService<ILogger<WorkloadLauncher>>()));
        services.AddSingleton(provider => new WorkloadManager(
            provider.GetRequiredService<WorkloadStore>(),
            provider.GetRequiredService<IContainerEngine>(),
            provider.GetRequiredService<IWorkloadProxyHost>(),
            provider.GetRequiredService<CreateRequestMapper>(),
            provider.GetRequiredService<WorkloadLauncher>(),
            provider.GetRequiredService<EgressGateway>(),
            provider.GetRequiredService<DaemonInstance>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetServices<IWorkloadEvents>(),
            provider.GetRequiredService<ILogger<WorkloadManager>>(),
            AuditPaths.Directory(provider.GetRequiredService<ToolshedPaths>()),
            provider.GetRequiredService<SensitiveMountRules>()));
        services.AddHostedService<Reconciler>();
        return services;
    }
}
