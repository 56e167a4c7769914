using Toolshed.Core.Runtime;
using Toolshed.Runtime.Docker.Engine;

namespace Toolshed.Server.Tests.Images;

/// <summary>A hand-written runtime that only knows images: whether one is present, and a scripted pull. Everything
/// else is not part of what the pull endpoint may touch, so it throws.</summary>
internal sealed class PullOnlyRuntime(Func<IProgress<ImagePullProgress>?, CancellationToken, Task> pull, bool present = false) : IContainerEngine
{
    public int Pulls { get; private set; }

    public Task<bool> ImageExistsAsync(string image, CancellationToken cancellationToken) => Task.FromResult(present);

    public Task EnsureImageAsync(string image, IProgress<ImagePullProgress>? progress, CancellationToken cancellationToken)
    {
        Pulls++;
        return pull(progress, cancellationToken);
    }

    public Task PingAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<string> CreateContainerAsync(ContainerSpec spec, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task StartContainerAsync(string id, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task StopContainerAsync(string id, TimeSpan timeout, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task RemoveContainerAsync(string id, bool force, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<ContainerDetails?> InspectContainerAsync(string idOrName, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<ContainerDetails>> ListContainersAsync(
        IReadOnlyDictionary<string, string> labels, bool all, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IStdioChannel> AttachStdioAsync(string id, CancellationToken cancellationToken) => throw new NotSupportedException();

    public IAsyncEnumerable<WorkloadLogLine> GetLogsAsync(string id, WorkloadLogOptions options, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task<long> WaitForExitAsync(string id, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task ImportImageAsync(string image, Stream rootFilesystemTar, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<string>> ListImageTagsAsync(string repository, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<bool> RemoveImageAsync(string image, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<NetworkDetails> EnsureNetworkAsync(NetworkSpec spec, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<NetworkDetails?> InspectNetworkAsync(string idOrName, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<NetworkDetails>> ListNetworksAsync(IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task RemoveNetworkAsync(string idOrName, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task ConnectNetworkAsync(string containerId, string network, IReadOnlyList<string> aliases, CancellationToken cancellationToken) =>
        throw new NotSupportedException();
}
