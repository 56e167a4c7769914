using System.Security.Cryptography;
using Toolshed.Core.Errors;

namespace Toolshed.Core.Packages;

/// <summary>
/// The files of a local package source that go into its build: regular files under the directory, in a stable order,
/// without what a build makes or a checkout keeps (<c>node_modules</c>, <c>.git</c>, virtual environments, caches).
/// Symbolic links are not followed; FIFOs, sockets and devices are left out. Bounded in file count and bytes, so a wrong directory (a home, /) is refused
/// rather than read.
/// </summary>
public static class LocalSourceTree
{
    public const int MaxFiles = 20_000;
    public const long MaxBytes = 256L * 1024 * 1024;

    private static readonly HashSet<string> s_skipped = new(StringComparer.Ordinal)
    {
        "node_modules", ".git", ".hg", ".svn", ".venv", "venv", "__pycache__", ".mypy_cache", ".pytest_cache", ".tox", "dist-newstyle",
    };

    /// <summary>The files, as paths relative to <paramref name="root"/> with '/' separators, and their sizes.</summary>
    public static IReadOnlyList<(string RelativePath, string FullPath, long Size)> Files(string root)
    {
        ArgumentNullException.ThrowIfNull(root);
        if (!Directory.Exists(root) || File.GetAttributes(root).HasFlag(FileAttributes.ReparsePoint))
        {
            throw new InvalidInputException($"{root} is not a directory.", "image", "A local package is a directory holding package.json, pyproject.toml or go.mod.");
        }

        var files = new List<(string, string, long)>();
        long bytes = 0;
        var pending = new Stack<string>([root]);
        while (pending.Count > 0)
        {
            var directory = pending.Pop();
            foreach (var entry in new DirectoryInfo(directory).EnumerateFileSystemInfos())
            {
                if (entry.Attributes.HasFlag(FileAttributes.ReparsePoint))
                {
                    continue;
                }

                if (entry is DirectoryInfo sub)
                {
                    if (!s_skipped.Contains(sub.Name))
                    {
                        pending.Push(sub.FullName);
                    }

                    continue;
                }

                var file = (FileInfo)entry;
                // FIFOs, sockets and devices are not package files, and opening a FIFO would wait for a writer forever.
                if (OperatingSystem.IsLinux() && IO.LinuxFileInterop.StatPath(file.FullName).Kind != IO.UnixFileKind.Regular)
                {
                    continue;
                }

                bytes += file.Length;
                if (files.Count >= MaxFiles || bytes > MaxBytes)
                {
                    throw new InvalidInputException(
                        $"{root} holds more than {MaxFiles} files or {MaxBytes / (1024 * 1024)} MiB (without node_modules, .git and virtual environments); Toolshed does not build a source that large.",
                        "image",
                        "Name the package's own directory.");
                }

                files.Add((Path.GetRelativePath(root, file.FullName).Replace('\\', '/'), file.FullName, file.Length));
            }
        }

        files.Sort((a, b) => string.CompareOrdinal(a.Item1, b.Item1));
        return files;
    }

    /// <summary>A hash of every file's path and content: a local source's version (<c>local-</c> and 12 hex digits).</summary>
    public static async Task<string> VersionAsync(string root, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        foreach (var (relative, full, _) in Files(root))
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(relative + "\0"));
            await using var stream = File.OpenRead(full);
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
            {
                hash.AppendData(buffer, 0, read);
            }
        }

        return "local-" + Convert.ToHexStringLower(hash.GetHashAndReset())[..12];
    }
}
