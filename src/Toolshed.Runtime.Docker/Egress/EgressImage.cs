using Microsoft.Extensions.Logging;
using Toolshed.Runtime.Docker.Engine;

namespace Toolshed.Runtime.Docker.Egress;

/// <summary>Makes sure the egress sidecar's image exists on the engine, importing it on first use (a few seconds, once
/// per runtime and Toolshed version).</summary>
public sealed partial class EgressImage(IContainerEngine runtime, ILogger<EgressImage> logger) : IDisposable
{
    /// <summary>The repository of the egress images the daemon builds (tagged by their inputs' hash).</summary>
    public const string Repository = "toolshed/egress";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private EgressRootFilesystem? _layout;

    internal async Task<EgressRootFilesystem> EnsureAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            _layout ??= await EgressRootFilesystem.CollectAsync(cancellationToken);
            if (await runtime.ImageExistsAsync(_layout.Image, cancellationToken))
            {
                return _layout;
            }

            LogBuilding(logger, _layout.Image);
            var temporary = Path.Combine(Path.GetTempPath(), $"toolshed-egress-{Guid.NewGuid():N}.tar");
            try
            {
                await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
                {
                    await _layout.WriteTarAsync(file, cancellationToken);
                }

                await using var archive = new FileStream(temporary, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
                await runtime.ImportImageAsync(_layout.Image, archive, cancellationToken);
            }
            finally
            {
                File.Delete(temporary);
            }

            await RemoveOutdatedAsync(_layout.Image, cancellationToken);
            return _layout;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    /// <summary>Removes images an earlier runtime or Toolshed version built; the engine keeps any a sidecar still runs on.</summary>
    private async Task RemoveOutdatedAsync(string current, CancellationToken cancellationToken)
    {
        foreach (var tag in await runtime.ListImageTagsAsync(EgressRootFilesystem.Repository, cancellationToken))
        {
            if (tag != current && await runtime.RemoveImageAsync(tag, cancellationToken))
            {
                LogRemovedOutdated(logger, tag);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed the outdated egress proxy image {Image}")]
    private static partial void LogRemovedOutdated(ILogger logger, string image);

    [LoggerMessage(Level = LogLevel.Information, Message = "Building the egress proxy image {Image} from this daemon's .NET runtime")]
    private static partial void LogBuilding(ILogger logger, string image);
}
