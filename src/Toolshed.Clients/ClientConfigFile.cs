using Toolshed.Core.IO;

namespace Toolshed.Clients;

/// <summary>
/// Reads, edits and writes one client config file safely: under an exclusive file lock (so two writers, in this
/// process or another, never lose each other's change), with a backup of the first version Toolshed saw of a file
/// that existed before it (<c>FILE.toolshed-backup</c>; none for a file Toolshed created), and atomically (a temporary
/// file in the same directory, then a rename).
/// </summary>
public static class ClientConfigFile
{
    public const string BackupSuffix = ".toolshed-backup";

    /// <summary>The largest client config file Toolshed reads and edits.</summary>
    public const int MaxBytes = 4 * 1024 * 1024;
    private static readonly TimeSpan s_lockTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan s_retryInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// Applies <paramref name="edit"/> to the file's text ("" when it does not exist) and writes the result when it
    /// changed. Returns whether it wrote. A <see cref="ConfigParseException"/> from the edit leaves the file untouched.
    /// </summary>
    public static async Task<bool> EditAsync(string path, Func<string, string> edit, CancellationToken cancellationToken) =>
        (await EditAsync(path, new ConfigFileEdit { Edit = edit }, cancellationToken)).Written;

    /// <summary>
    /// Applies the edit under the file's lock. A file that existed before Toolshed first wrote it gets a backup of
    /// that first version; one Toolshed created (listed in <see cref="ConfigFileEdit.CreatedEarlier"/>) gets none, and
    /// is deleted when the edit leaves nothing but <see cref="ConfigFileEdit.EmptyText"/> in it.
    /// </summary>
    public static async Task<ConfigFileChange> EditAsync(string path, ConfigFileEdit edit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(edit);
        var fullPath = Path.GetFullPath(path);
        if (edit.Owner is { } caller)
        {
            ConfigPathGuard.Check(fullPath, edit.Roots, caller.Uid);
        }

        using var fileLock = await AcquireLockAsync(LockPathFor(fullPath), cancellationToken);
        var exists = File.Exists(fullPath);
        if (exists && new FileInfo(fullPath).Length > MaxBytes)
        {
            throw new ConfigParseException($"the file is larger than {MaxBytes / (1024 * 1024)} MiB; Toolshed does not edit files that large", 0, 0);
        }

        var before = exists ? await File.ReadAllTextAsync(fullPath, cancellationToken) : "";
        var after = edit.Edit(before);
        if (after == before)
        {
            return ConfigFileChange.None;
        }

        var createdByToolshed = edit.CreatedEarlier.Contains(fullPath);
        if (exists && createdByToolshed && edit.EmptyText is { } empty && after == empty)
        {
            return new ConfigFileChange(true, [], DeleteCreated(fullPath, edit.CreatedEarlier));
        }

        var owner = exists ? UnixOwner.Of(fullPath) : edit.Owner;
        if (exists && !createdByToolshed && !File.Exists(fullPath + BackupSuffix))
        {
            File.Copy(fullPath, fullPath + BackupSuffix);
            GiveTo(fullPath + BackupSuffix, owner);
        }

        var created = CreateDirectories(Path.GetDirectoryName(fullPath)!, edit.Owner);
        await WriteAtomicallyAsync(fullPath, after, exists, owner, cancellationToken);
        if (!exists)
        {
            created.Add(fullPath);
        }

        return new ConfigFileChange(true, created, []);
    }

    private static async Task WriteAtomicallyAsync(string path, string text, bool exists, FileOwnerId? owner, CancellationToken cancellationToken)
    {
        var temporary = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.toolshed-{Guid.NewGuid():N}.tmp");
        try
        {
            await File.WriteAllTextAsync(temporary, text, cancellationToken);
            if (exists && !OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, File.GetUnixFileMode(path));
            }

            GiveTo(temporary, owner);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Creates the missing directories above the file, top down; returns those it created.</summary>
    private static List<string> CreateDirectories(string directory, FileOwnerId? owner)
    {
        var missing = new Stack<string>();
        for (var current = directory; current is not null && !Directory.Exists(current); current = Path.GetDirectoryName(current))
        {
            missing.Push(current);
        }

        var created = new List<string>();
        while (missing.TryPop(out var next))
        {
            Directory.CreateDirectory(next);
            GiveTo(next, owner);
            created.Add(next);
        }

        return created;
    }

    /// <summary>Deletes the file Toolshed created, then the directories it created for it, deepest first, while empty.</summary>
    private static List<string> DeleteCreated(string fullPath, IReadOnlyCollection<string> createdEarlier)
    {
        File.Delete(fullPath);
        var deleted = new List<string> { fullPath };
        foreach (var directory in createdEarlier.Where(p => p != fullPath && fullPath.StartsWith(p + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                     .OrderByDescending(p => p.Length))
        {
            if (!Directory.Exists(directory) || Directory.EnumerateFileSystemEntries(directory).Any())
            {
                break;
            }

            Directory.Delete(directory);
            deleted.Add(directory);
        }

        return deleted;
    }

    private static void GiveTo(string path, FileOwnerId? owner)
    {
        if (owner is { } id)
        {
            UnixOwner.GiveTo(path, id);
        }
    }

    /// <summary>
    /// The lock lives in the temp directory (one per config path), not beside the user's file, and is never deleted:
    /// deleting a lock file on release would let two writers lock two different files.
    /// </summary>
    private static string LockPathFor(string path)
    {
        var hash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Path.GetFullPath(path))))[..16];
        var directory = Path.Combine(Path.GetTempPath(), "toolshed-client-locks");
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, hash + ".lock");
    }

    private static async Task<FileStream> AcquireLockAsync(string lockPath, CancellationToken cancellationToken)
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.OpenOrCreate,
            Access = FileAccess.ReadWrite,
            Share = FileShare.None,
        };
        var started = TimeProvider.System.GetTimestamp();
        while (true)
        {
            try
            {
                return new FileStream(lockPath, options);
            }
            catch (IOException) when (TimeProvider.System.GetElapsedTime(started) < s_lockTimeout)
            {
                // Another writer holds the file for the few milliseconds an edit takes.
                await Task.Delay(s_retryInterval, cancellationToken);
            }
        }
    }
}
