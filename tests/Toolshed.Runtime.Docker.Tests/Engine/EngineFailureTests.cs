using System.Net.Sockets;
using Toolshed.Core.Errors;
using Toolshed.Core.Runtime;
using Toolshed.Runtime.Docker.Engine;
using Toolshed.Testing;

namespace Toolshed.Runtime.Docker.Tests;

public sealed class EngineFailureTests
{
    [Fact]
    public async Task EnsureImage_MissingImageThatCannotBePulled_ThrowsImageUnavailable()
    {
        DockerTestScope.RequireEngine();
        await using var scope = new DockerTestScope();
        var image = $"toolshed-test/does-not-exist-{Guid.NewGuid():N}:1";
        var reports = new List<ImagePullProgress>();

        var error = await Assert.ThrowsAsync<ImageUnavailableException>(
            () => scope.Runtime.EnsureImageAsync(image, new SynchronousProgress(reports), TestContext.Current.CancellationToken));

        Assert.StartsWith($"Image {image} is not present locally and could not be pulled: ", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("Build or load it locally, or check the name.", error.Message, StringComparison.Ordinal);
        Assert.False(await scope.Runtime.ImageExistsAsync(image, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task CreateContainer_NameTaken_IsAnEngineRefusalOfKindConflict_NotTheApisConflict()
    {
        DockerTestScope.RequireEngine();
        await using var scope = new DockerTestScope();
        var ct = TestContext.Current.CancellationToken;
        var spec = scope.Spec(TestImages.CSharpServer, "conflict");
        await scope.Runtime.CreateContainerAsync(spec, ct);

        var refusal = await Assert.ThrowsAsync<EngineRefusedException>(() => scope.Runtime.CreateContainerAsync(spec, ct));

        Assert.Equal(EngineRefusal.Conflict, refusal.Refusal);
        Assert.IsAssignableFrom<ContainerEngineException>(refusal);
    }

    [Fact]
    public async Task Ping_DockerHostAtDeadUnixSocket_ThrowsUnavailableNamingIt()
    {
        using var directory = new TemporaryDirectory();
        var socketPath = directory.Combine("dead.sock");
        // A socket file with nobody listening: bind, then close.
        using (var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            socket.Bind(new UnixDomainSocketEndPoint(socketPath));
        }

        await using var scope = new DockerTestScope(endpoint: "unix://" + socketPath);

        var error = await Assert.ThrowsAsync<ContainerEngineUnavailableException>(
            () => scope.Runtime.PingAsync(TestContext.Current.CancellationToken));

        Assert.Contains("unix://" + socketPath, error.Message, StringComparison.Ordinal);
        Assert.Contains("DOCKER_HOST", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_NoEngineAnywhere_ThrowsUnavailableNotSocketException()
    {
        using var directory = new TemporaryDirectory();
        await using var scope = new DockerTestScope(endpoint: "unix://" + directory.Combine("missing.sock"));

        var error = await Assert.ThrowsAsync<ContainerEngineUnavailableException>(
            () => scope.Runtime.InspectContainerAsync("anything", TestContext.Current.CancellationToken));

        Assert.Contains("missing.sock (no socket file)", error.Message, StringComparison.Ordinal);
    }

    private sealed class SynchronousProgress(List<ImagePullProgress> reports) : IProgress<ImagePullProgress>
    {
        public void Report(ImagePullProgress value) => reports.Add(value);
    }
}
