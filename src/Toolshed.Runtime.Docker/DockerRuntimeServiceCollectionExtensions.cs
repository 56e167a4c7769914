using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Toolshed.Core.Runtime;
using Toolshed.Runtime.Docker.Egress;
using Toolshed.Runtime.Docker.Engine;
using Toolshed.Runtime.Docker.Workloads;

namespace Toolshed.Runtime.Docker;

/// <summary>Registers the Docker runtime: <see cref="IWorkloadRuntime"/> on the Docker Engine API (<see cref="IContainerEngine"/>).</summary>
public static class DockerRuntimeServiceCollectionExtensions
{
    public static IServiceCollection AddDockerRuntime(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<DockerRuntimeOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DockerEngineConnection>();
        services.TryAddSingleton<IContainerEngine, DockerContainerEngine>();
        services.TryAddSingleton(new EgressOptions());
        services.TryAddSingleton<DaemonInstance>();
        services.TryAddSingleton<EgressImage>();
        services.TryAddSingleton<EgressGateway>();
        services.TryAddSingleton(new Packages.PackageImageOptions());
        services.TryAddSingleton<Packages.PackageImages>();
        services.TryAddSingleton<IWorkloadRuntime, DockerWorkloadRuntime>();
        return services;
    }
}
