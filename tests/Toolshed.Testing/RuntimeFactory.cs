using Microsoft.Extensions.DependencyInjection;
using Toolshed.Core.Runtime;
using Toolshed.Runtime.Docker;

namespace Toolshed.Testing;

/// <summary>A container runtime of the tests' own, to check what the engine holds independently of any daemon.</summary>
public static class RuntimeFactory
{
    private static readonly Lazy<IContainerRuntime> s_runtime = new(() =>
        new ServiceCollection().AddLogging().AddDockerRuntime().BuildServiceProvider().GetRequiredService<IContainerRuntime>());

    public static IContainerRuntime Runtime => s_runtime.Value;

    public static Task<IReadOnlyList<ContainerDetails>> ListAsync(IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken) =>
        Runtime.ListContainersAsync(labels, all: true, cancellationToken);
}
