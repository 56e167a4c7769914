using Microsoft.Extensions.DependencyInjection;
using Toolshed.Runtime.Docker;
using Toolshed.Runtime.Docker.Engine;

namespace Toolshed.Testing;

/// <summary>A container runtime of the tests' own, to check what the engine holds independently of any daemon.</summary>
public static class RuntimeFactory
{
    private static readonly Lazy<IContainerEngine> s_runtime = new(() =>
        new ServiceCollection().AddLogging().AddDockerRuntime().BuildServiceProvider().GetRequiredService<IContainerEngine>());

    public static IContainerEngine Runtime => s_runtime.Value;

    public static Task<IReadOnlyList<ContainerDetails>> ListAsync(IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken) =>
        Runtime.ListContainersAsync(labels, all: true, cancellationToken);
}
