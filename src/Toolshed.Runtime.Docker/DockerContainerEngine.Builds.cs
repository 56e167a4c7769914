using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using Toolshed.Core.Errors;
using Toolshed.Runtime.Docker.Engine;

namespace Toolshed.Runtime.Docker;

public sealed partial class DockerContainerEngine
{
    public async Task<string> BuildImageAsync(ImageBuild build, Stream context, IProgress<string>? output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(build);
        ArgumentNullException.ThrowIfNull(context);
        var parameters = new ImageBuildParameters
        {
            Tags = [build.Tag],
            Labels = new Dictionary<string, string>(build.Labels),
            Dockerfile = "Dockerfile",
            Remove = true,
            ForceRemove = true,
            NoCache = build.NoCache,
        };
        var relay = new BuildOutputRelay(output);
        LogBuilding(logger, build.Tag);
        await CallAsync(
            $"build image {build.Tag}",
            (c, ct) => c.Images.BuildImageFromDockerfileAsync(parameters, context, null, null, relay, ct),
            cancellationToken);
        if (relay.Error is { } error)
        {
            throw new ImageBuildFailedException(error, [.. relay.LastLines]);
        }

        var image = await CallAsync($"inspect image {build.Tag}", (c, ct) => c.Images.InspectImageAsync(build.Tag, ct), cancellationToken);
        LogBuilt(logger, build.Tag, Short(image.ID));
        return image.ID;
    }

    public async Task<IReadOnlyDictionary<string, string>?> ImageLabelsAsync(string image, CancellationToken cancellationToken)
    {
        try
        {
            var details = await CallAsync($"inspect image {image}", (c, ct) => c.Images.InspectImageAsync(image, ct), cancellationToken);
            return details.Config?.Labels is { } labels ? new Dictionary<string, string>(labels) : new Dictionary<string, string>();
        }
        catch (EngineRefusedException ex) when (ex.Refusal == EngineRefusal.NotFound)
        {
            return null;
        }
    }

    public async Task<string?> ImageIdAsync(string image, CancellationToken cancellationToken)
    {
        try
        {
            var details = await CallAsync($"inspect image {image}", (c, ct) => c.Images.InspectImageAsync(image, ct), cancellationToken);
            return details.ID;
        }
        catch (EngineRefusedException ex) when (ex.Refusal == EngineRefusal.NotFound)
        {
            return null;
        }
    }

    public async Task<IReadOnlyList<string>> ListImageIdsAsync(IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken)
    {
        var parameters = new ImagesListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>>
            {
                ["label"] = labels.ToDictionary(l => $"{l.Key}={l.Value}", _ => true),
            },
        };
        var images = await CallAsync("list images by label", (c, ct) => c.Images.ListImagesAsync(parameters, ct), cancellationToken);
        return [.. images.Select(i => i.ID)];
    }

    public async Task<bool> RemoveImageByIdAsync(string id, bool force, CancellationToken cancellationToken)
    {
        try
        {
            await CallAsync($"remove image {Short(id)}", (c, ct) => c.Images.DeleteImageAsync(id, new ImageDeleteParameters { Force = force }, ct), cancellationToken);
            return true;
        }
        catch (EngineRefusedException ex) when (ex.Refusal is EngineRefusal.NotFound or EngineRefusal.Conflict)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Building image {Image}")]
    private static partial void LogBuilding(ILogger logger, string image);

    [LoggerMessage(Level = LogLevel.Information, Message = "Built image {Image} ({ImageId})")]
    private static partial void LogBuilt(ILogger logger, string image, string imageId);
}
