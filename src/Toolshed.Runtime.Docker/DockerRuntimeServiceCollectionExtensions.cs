using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Toolshed.Core.Runtime;

namespace Toolshed.Runtime.Docker;

/// <summary>Registers the Docker Engine API implementation of <see cref="IContainerRuntime"/>.</summary>
public static class DockerRuntimeServiceCollectionExtensions
{
    public static IServiceCollection AddDockerRuntime(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<DockerRuntimeOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DockerEngineConnection>();
        services.TryAddSingleton<IContainerRuntime, DockerContainerRuntime>();
        return services;
    }
}
