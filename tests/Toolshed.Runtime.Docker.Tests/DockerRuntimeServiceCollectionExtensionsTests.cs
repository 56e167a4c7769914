using Microsoft.Extensions.DependencyInjection;
using Toolshed.Runtime.Docker.Engine;
using Toolshed.Testing;

namespace Toolshed.Runtime.Docker.Tests;

public sealed class DockerRuntimeServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddDockerRuntime_Resolved_SingletonThatPings()
    {
        DockerRequirement.EnsureAvailable();
        var services = new ServiceCollection().AddLogging().AddDockerRuntime();
        await using var provider = services.BuildServiceProvider(validateScopes: true);

        var runtime = provider.GetRequiredService<IContainerEngine>();

        Assert.IsType<DockerContainerEngine>(runtime);
        Assert.Same(runtime, provider.GetRequiredService<IContainerEngine>());
        await runtime.PingAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public void AddDockerRuntime_ConfiguredEndpoint_UsedAlone()
    {
        var services = new ServiceCollection().AddLogging().AddDockerRuntime();
        services.Configure<DockerRuntimeOptions>(o => o.Endpoint = "unix:///tmp/configured.sock");
        using var provider = services.BuildServiceProvider();

        var connection = provider.GetRequiredService<DockerEngineConnection>();

        Assert.Equal("unix:///tmp/configured.sock", connection.EndpointDescription);
    }
}
