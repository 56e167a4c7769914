using System.Text.Json;
using Toolshed.Core.Configuration;

namespace Toolshed.Server.Registry;

/// <summary>
/// Remembers the added registries in <see cref="ToolshedPaths.RegistriesPath"/>. Writes are atomic (temp file, then
/// rename) and owner-only (0600), because a registry URL may carry an access token in its query.
/// </summary>
internal sealed class RegistrySourceStore(ToolshedPaths paths)
{
    public string FilePath => paths.RegistriesPath;

    /// <summary>The remembered sources; none when the file does not exist. Throws <see cref="JsonException"/> when
    /// the file is not what this class writes.</summary>
    public async Task<IReadOnlyList<RegistrySource>> ReadAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(FilePath))
        {
            return [];
        }

        await using var stream = File.OpenRead(FilePath);
        var file = await JsonSerializer.DeserializeAsync(stream, RegistryStoreJsonContext.Default.RegistrySourcesFile, cancellationToken)
            .ConfigureAwait(false);
        return file?.Registries ?? [];
    }

    public async Task WriteAsync(IReadOnlyList<RegistrySource> sources, CancellationToken cancellationToken)
    {
        paths.EnsureCreated();
        var temporary = $"{FilePath}.{Guid.NewGuid():N}.tmp";
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            await using (var stream = new FileStream(temporary, options))
            {
                await JsonSerializer.SerializeAsync(stream, new RegistrySourcesFile { Registries = sources },
                    RegistryStoreJsonContext.Default.RegistrySourcesFile, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, FilePath, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>Moves an unreadable file aside so the next write does not silently drop what it held.</summary>
    public string MoveAside()
    {
        var aside = $"{FilePath}.unreadable-{DateTime.UtcNow:yyyyMMddHHmmss}";
        File.Move(FilePath, aside, overwrite: true);
        return aside;
    }
}
