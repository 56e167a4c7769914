using System.Formats.Tar;
using System.Text;
using Toolshed.Core.Packages;

namespace Toolshed.Runtime.Docker.Packages;

/// <summary>
/// Writes the tar the engine builds from: the Dockerfile, <c>toolshed-build/</c> (the CA bundle the install stage
/// trusts, the installer's credentials files) and, for a local source, <c>toolshed-src/</c> with the source's files (as <see cref="LocalSourceTree"/> lists
/// them: no node_modules, .git or virtual environments, no symbolic links).
/// </summary>
internal static class PackageBuildContext
{
    public static async Task WriteAsync(
        Stream output,
        string dockerfile,
        byte[]? caBundle,
        IReadOnlyDictionary<string, string> credentials,
        string? localSource,
        CancellationToken cancellationToken)
    {
        await using var tar = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: true);
        await AddAsync(tar, "Dockerfile", Encoding.UTF8.GetBytes(dockerfile), cancellationToken);
        await AddAsync(tar, $"{PackageDockerfile.BuildDirectory}/.toolshed", "built by Toolshed\n"u8.ToArray(), cancellationToken);
        if (caBundle is not null)
        {
            await AddAsync(tar, $"{PackageDockerfile.BuildDirectory}/{PackageDockerfile.CaFile}", caBundle, cancellationToken);
        }

        foreach (var (file, content) in credentials)
        {
            if (!PackageBuildSecret.Files.Contains(file))
            {
                throw new ArgumentException($"'{file}' is not a build credentials file.", nameof(credentials));
            }

            await AddAsync(tar, $"{PackageDockerfile.BuildDirectory}/{file}", Encoding.UTF8.GetBytes(content), cancellationToken);
        }

        if (localSource is null)
        {
            return;
        }

        foreach (var (relative, full, _) in LocalSourceTree.Files(localSource))
        {
            var entry = new PaxTarEntry(TarEntryType.RegularFile, $"{PackageDockerfile.SourceDirectory}/{relative}")
            {
                Mode = !OperatingSystem.IsWindows() && (File.GetUnixFileMode(full) & UnixFileMode.UserExecute) != 0 ? (UnixFileMode)0b111_101_101 : (UnixFileMode)0b110_100_100,
            };
            await using var content = File.OpenRead(full);
            entry.DataStream = content;
            await tar.WriteEntryAsync(entry, cancellationToken);
        }
    }

    private static async Task AddAsync(TarWriter tar, string name, byte[] content, CancellationToken cancellationToken)
    {
        using var data = new MemoryStream(content);
        var entry = new PaxTarEntry(TarEntryType.RegularFile, name) { Mode = (UnixFileMode)0b110_100_100, DataStream = data };
        await tar.WriteEntryAsync(entry, cancellationToken);
    }
}
