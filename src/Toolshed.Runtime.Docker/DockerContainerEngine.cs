using System.Net;
using System.Runtime.CompilerServices;
using ContainerSpec = Toolshed.Runtime.Docker.Engine.ContainerSpec;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using Toolshed.Core.Errors;
using Toolshed.Core.Runtime;
using Toolshed.Runtime.Docker.Engine;

namespace Toolshed.Runtime.Docker;

/// <summary><see cref="IContainerEngine"/> over the Docker Engine API, which Podman serves as well.</summary>
public sealed partial class DockerContainerEngine(
    DockerEngineConnection connection, ILogger<DockerContainerEngine> logger, TimeProvider timeProvider) : IContainerEngine
{
    public async Task PingAsync(CancellationToken cancellationToken) =>
        await CallAsync("ping the engine", (c, ct) => c.System.PingAsync(ct), cancellationToken);

    public async Task<bool> ImageExistsAsync(string image, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(image);
        try
        {
            await CallAsync($"inspect image {image}", (c, ct) => c.Images.InspectImageAsync(image, ct), cancellationToken);
            return true;
        }
        catch (EngineRefusedException ex) when (ex.Refusal == EngineRefusal.NotFound)
        {
            return false;
        }
    }

    public async Task EnsureImageAsync(string image, IProgress<ImagePullProgress>? progress, CancellationToken cancellationToken)
    {
        if (await ImageExistsAsync(image, cancellationToken))
        {
            return;
        }

        LogPulling(logger, image);
        var (repository, tag) = ImageReference.Split(image);
        var relay = new PullProgressRelay(image, progress);
        var parameters = new ImagesCreateParameters { FromImage = repository, Tag = tag };
        string? reason = null;
        try
        {
            await CallAsync(
                $"pull image {image}",
                (c, ct) => c.Images.CreateImageAsync(parameters, null, relay, ct),
                cancellationToken);
        }
        catch (ToolshedException ex) when (ex is not ContainerEngineUnavailableException)
        {
            reason = ex.InnerException is DockerApiException api
                ? DockerErrors.EngineMessage(api)
                : ex.Message.Replace($"Cannot pull image {image}: ", "", StringComparison.Ordinal);
        }

        if (reason is null && await ImageExistsAsync(image, cancellationToken))
        {
            return;
        }

        reason ??= relay.Error ?? "the engine reported no error, but the image is still missing";
        throw new ImageUnavailableException(
            $"Image {image} is not present locally and could not be pulled: {reason}. Build or load it locally, or check the name.");
    }

    public async Task<string> CreateContainerAsync(ContainerSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var parameters = ContainerSpecMapper.ToCreateParameters(spec);
        // Only names of environment variables are ever logged: their values may be secrets.
        LogCreating(logger, spec.Name, spec.Image, spec.Environment.Count);
        var response = await CallAsync(
            $"create container {spec.Name}",
            (c, ct) => c.Containers.CreateContainerAsync(parameters, ct),
            cancellationToken);
        var shortId = Short(response.ID);
        LogCreated(logger, spec.Name, shortId);
        return response.ID;
    }

    public async Task StartContainerAsync(string id, CancellationToken cancellationToken)
    {
        var shortId = Short(id);
        await CallAsync(
            $"start container {Short(id)}",
            (c, ct) => c.Containers.StartContainerAsync(id, new ContainerStartParameters(), ct),
            cancellationToken);
        LogStarted(logger, shortId);
    }

    public async Task StopContainerAsync(string id, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var shortId = Short(id);
        var parameters = new ContainerStopParameters
        {
            WaitBeforeKillSeconds = (uint)Math.Clamp(Math.Ceiling(timeout.TotalSeconds), 0, uint.MaxValue),
        };
        // The engine answers 304 for a container that is not running; Docker.DotNet returns false then.
        await CallAsync(
            $"stop container {Short(id)}",
            (c, ct) => c.Containers.StopContainerAsync(id, parameters, ct),
            cancellationToken);
        LogStopped(logger, shortId);
    }

    public async Task RemoveContainerAsync(string id, bool force, CancellationToken cancellationToken)
    {
        var shortId = Short(id);
        try
        {
            await CallAsync(
                $"remove container {Short(id)}",
                (c, ct) => c.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = force }, ct),
                cancellationToken);
            LogRemoved(logger, shortId);
        }
        catch (EngineRefusedException ex) when (ex.Refusal == EngineRefusal.NotFound)
        {
            // Already gone: that is what was asked.
        }
        catch (EngineRefusedException ex) when (ex.Refusal == EngineRefusal.RemovalInProgress)
        {
            // Another caller is removing it already.
        }
    }

    public async Task<ContainerDetails?> InspectContainerAsync(string idOrName, CancellationToken cancellationToken)
    {
        try
        {
            var response = await CallAsync(
                $"inspect container {idOrName}",
                (c, ct) => c.Containers.InspectContainerAsync(idOrName, ct),
                cancellationToken);
            return ContainerDetailsMapper.FromInspect(response, timeProvider.GetUtcNow());
        }
        catch (EngineRefusedException ex) when (ex.Refusal == EngineRefusal.NotFound)
        {
            return null;
        }
    }

    public async Task<IReadOnlyList<ContainerDetails>> ListContainersAsync(
        IReadOnlyDictionary<string, string> labels, bool all, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var parameters = new ContainersListParameters
        {
            All = all,
            Filters = new Dictionary<string, IDictionary<string, bool>>
            {
                ["label"] = labels.ToDictionary(l => $"{l.Key}={l.Value}", _ => true),
            },
        };
        var response = await CallAsync(
            "list containers", (c, ct) => c.Containers.ListContainersAsync(parameters, ct), cancellationToken);
        return [.. response.Select(ContainerDetailsMapper.FromList)];
    }

    public async Task<IStdioChannel> AttachStdioAsync(string id, CancellationToken cancellationToken)
    {
        var shortId = Short(id);
        var parameters = new ContainerAttachParameters { Stream = true, Stdin = true, Stdout = true, Stderr = true };
        var stream = await CallAsync(
            $"attach to container {Short(id)}",
            (c, ct) => c.Containers.AttachContainerAsync(id, parameters, ct),
            cancellationToken);
        LogAttached(logger, shortId);
        return new DockerStdioChannel(stream, id, logger);
    }

    public async IAsyncEnumerable<WorkloadLogLine> GetLogsAsync(
        string id, WorkloadLogOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var parameters = DockerLogReader.ToParameters(options);
        using var stream = await CallAsync(
            $"read the logs of container {Short(id)}",
            (c, ct) => c.Containers.GetContainerLogsAsync(id, parameters, ct),
            cancellationToken);
        await foreach (var line in DockerLogReader.ReadLinesAsync(stream, cancellationToken))
        {
            yield return line;
        }
    }

    public async Task<long> WaitForExitAsync(string id, CancellationToken cancellationToken)
    {
        var response = await CallAsync(
            $"wait for container {Short(id)}",
            (c, ct) => c.Containers.WaitContainerAsync(id, ct),
            cancellationToken);
        return response.StatusCode;
    }

    private async Task<T> CallAsync<T>(
        string what, Func<DockerClient, CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        var client = await connection.GetClientAsync(cancellationToken);
        try
        {
            return await call(client, cancellationToken);
        }
        catch (DockerApiException ex)
        {
            throw DockerErrors.Refused(what, ex);
        }
        catch (Exception ex) when (DockerErrors.IsUnreachable(ex))
        {
            throw DockerErrors.Unavailable(connection.EndpointDescription, ex);
        }
    }

    private async Task CallAsync(string what, Func<DockerClient, CancellationToken, Task> call, CancellationToken cancellationToken) =>
        await CallAsync<bool>(
            what,
            async (client, ct) =>
            {
                await call(client, ct);
                return true;
            },
            cancellationToken);

    private static string Short(string id) => id.Length > 12 ? id[..12] : id;

    [LoggerMessage(Level = LogLevel.Information, Message = "Pulling image {Image}")]
    private static partial void LogPulling(ILogger logger, string image);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Creating container {ContainerName} from {Image} with {EnvironmentCount} environment variables")]
    private static partial void LogCreating(ILogger logger, string containerName, string image, int environmentCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created container {ContainerName} ({ContainerId})")]
    private static partial void LogCreated(ILogger logger, string containerName, string containerId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Started container {ContainerId}")]
    private static partial void LogStarted(ILogger logger, string containerId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Stopped container {ContainerId}")]
    private static partial void LogStopped(ILogger logger, string containerId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Removed container {ContainerId}")]
    private static partial void LogRemoved(ILogger logger, string containerId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Attached to container {ContainerId}")]
    private static partial void LogAttached(ILogger logger, string containerId);
}
