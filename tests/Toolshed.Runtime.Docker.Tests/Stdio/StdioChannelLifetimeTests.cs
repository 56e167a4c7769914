using Toolshed.Testing;

namespace Toolshed.Runtime.Docker.Tests;

public sealed class StdioChannelLifetimeTests : IAsyncLifetime
{
    private readonly DockerTestScope _scope = new();

    public ValueTask InitializeAsync()
    {
        DockerTestScope.RequireEngine();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _scope.DisposeAsync();

    [Fact]
    public async Task DisposeAsync_WhileContainerRuns_EndsPumpAndCompletesReaders()
    {
        using var timeout = DockerTestScope.Timeout();
        var ct = timeout.Token;
        var runtime = _scope.Runtime;
        var id = await runtime.CreateContainerAsync(_scope.Spec(TestImages.CSharpServer, "dispose"), ct);
        var channel = (DockerStdioChannel)await runtime.AttachStdioAsync(id, ct);
        await runtime.StartContainerAsync(id, ct);

        await channel.DisposeAsync();

        Assert.True(channel.Completion.IsCompleted);
        Assert.Null(await JsonRpcLineClient.ReadLineAsync(channel.Output, ct));
        Assert.Null(await JsonRpcLineClient.ReadLineAsync(channel.Errors, ct));
        // The container outlives the attach: detaching is not stopping.
        Assert.True((await runtime.InspectContainerAsync(id, ct))?.IsRunning);
        await channel.DisposeAsync();
    }

    [Fact]
    public async Task WaitForExit_ContainerStopped_ReturnsAndAttachEnds()
    {
        using var timeout = DockerTestScope.Timeout();
        var ct = timeout.Token;
        var runtime = _scope.Runtime;
        var id = await runtime.CreateContainerAsync(_scope.Spec(TestImages.CSharpServer, "stop"), ct);
        await using var channel = (DockerStdioChannel)await runtime.AttachStdioAsync(id, ct);
        await runtime.StartContainerAsync(id, ct);
        var exited = runtime.WaitForExitAsync(id, ct);

        await runtime.StopContainerAsync(id, TimeSpan.FromSeconds(2), ct);

        await exited.WaitAsync(ct);
        await channel.Completion.WaitAsync(ct);
        Assert.Null(await JsonRpcLineClient.ReadLineAsync(channel.Output, ct));
    }
}
