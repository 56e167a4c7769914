using Toolshed.Core.Runtime;
namespace Toolshed.Runtime.Docker.Engine;

/// <summary>
/// The container engine as Toolshed needs it. Implementations: Docker Engine API (also served by Podman);
/// later sandboxed processes and Kubernetes. Keep engine-specific types out of this interface.
/// </summary>
public interface IContainerEngine
{
    /// <summary>Checks that the engine answers; throws <see cref="Core.Errors.ContainerEngineUnavailableException"/> when not.</summary>
    Task PingAsync(CancellationToken cancellationToken);

    Task<bool> ImageExistsAsync(string image, CancellationToken cancellationToken);

    /// <summary>Uses the local image when present, else pulls it, reporting progress; throws
    /// <see cref="Core.Errors.ImageUnavailableException"/> when it can be neither found nor pulled.</summary>
    Task EnsureImageAsync(string image, IProgress<ImagePullProgress>? progress, CancellationToken cancellationToken);

    /// <summary>Creates (does not start) a container; returns its full id.</summary>
    Task<string> CreateContainerAsync(ContainerSpec spec, CancellationToken cancellationToken);

    Task StartContainerAsync(string id, CancellationToken cancellationToken);

    /// <summary>Stops a container, killing it after <paramref name="timeout"/>. Stopping a stopped container is not an error.</summary>
    Task StopContainerAsync(string id, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>Removes a container; a missing container is not an error.</summary>
    Task RemoveContainerAsync(string id, bool force, CancellationToken cancellationToken);

    /// <summary>The container's details, or null when no such container exists.</summary>
    Task<ContainerDetails?> InspectContainerAsync(string idOrName, CancellationToken cancellationToken);

    /// <summary>Containers carrying every one of <paramref name="labels"/>; with <paramref name="all"/> also stopped ones.</summary>
    Task<IReadOnlyList<ContainerDetails>> ListContainersAsync(
        IReadOnlyDictionary<string, string> labels, bool all, CancellationToken cancellationToken);

    /// <summary>Attaches to the container's stdin, stdout and stderr (stdout and stderr kept apart).</summary>
    Task<IStdioChannel> AttachStdioAsync(string id, CancellationToken cancellationToken);

    /// <summary>The container's output, the last <see cref="WorkloadLogOptions.Tail"/> lines, then new ones when following.</summary>
    IAsyncEnumerable<WorkloadLogLine> GetLogsAsync(string id, WorkloadLogOptions options, CancellationToken cancellationToken);

    /// <summary>Waits until the container exits and returns its exit code.</summary>
    Task<long> WaitForExitAsync(string id, CancellationToken cancellationToken);

    /// <summary>Builds an image from a tar context with a Dockerfile, streaming its output line by line; returns the
    /// image id. A failed step throws <see cref="ImageBuildFailedException"/> with the last lines of output.</summary>
    Task<string> BuildImageAsync(ImageBuild build, Stream context, IProgress<string>? output, CancellationToken cancellationToken);

    /// <summary>An image's labels, or null when the image is absent.</summary>
    Task<IReadOnlyDictionary<string, string>?> ImageLabelsAsync(string image, CancellationToken cancellationToken);

    /// <summary>An image's id, or null when it is absent.</summary>
    Task<string?> ImageIdAsync(string image, CancellationToken cancellationToken);

    /// <summary>Ids of every image (intermediate ones too) carrying all of <paramref name="labels"/>.</summary>
    Task<IReadOnlyList<string>> ListImageIdsAsync(IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken);

    /// <summary>Removes an image by id; false when it is gone or still needed by another image or container. With
    /// <paramref name="force"/>, an image several tags name goes with all of them (never one a running container uses).</summary>
    Task<bool> RemoveImageByIdAsync(string id, bool force, CancellationToken cancellationToken);

    /// <summary>Creates an image from a root file system tarball (no registry involved); replaces the tag if it exists.</summary>
    Task ImportImageAsync(string image, Stream rootFilesystemTar, CancellationToken cancellationToken);

    /// <summary>The tags ("repository:tag") of the local images of one repository.</summary>
    Task<IReadOnlyList<string>> ListImageTagsAsync(string repository, CancellationToken cancellationToken);

    /// <summary>Removes an image tag; returns false (and removes nothing) when a container still uses it or it is gone.</summary>
    Task<bool> RemoveImageAsync(string image, CancellationToken cancellationToken);

    /// <summary>Returns the network of that name, creating it first when it does not exist.</summary>
    Task<NetworkDetails> EnsureNetworkAsync(NetworkSpec spec, CancellationToken cancellationToken);

    /// <summary>The network's details, or null when no such network exists.</summary>
    Task<NetworkDetails?> InspectNetworkAsync(string idOrName, CancellationToken cancellationToken);

    /// <summary>Networks carrying every one of <paramref name="labels"/>.</summary>
    Task<IReadOnlyList<NetworkDetails>> ListNetworksAsync(IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken);

    /// <summary>Removes a network; a missing network is not an error.</summary>
    Task RemoveNetworkAsync(string idOrName, CancellationToken cancellationToken);

    /// <summary>Attaches a (created or running) container to one more network, reachable there under <paramref name="aliases"/>.</summary>
    Task ConnectNetworkAsync(string containerId, string network, IReadOnlyList<string> aliases, CancellationToken cancellationToken);
}
