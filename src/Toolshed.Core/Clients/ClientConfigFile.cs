namespace Toolshed.Core.Clients;

/// <summary>
/// Reads, edits and writes one client config file safely: under an exclusive file lock (so two writers, in this
/// process or another, never lose each other's change), with a backup of the first version Toolshed saw
/// (<c>FILE.toolshed-backup</c>), and atomically (a temporary file in the same directory, then a rename).
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
    public static async Task<bool> EditAsync(string path, Func<string, string> edit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(edit);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        using var fileLock = await AcquireLockAsync(LockPathFor(path), cancellationToken);
        var exists = File.Exists(path);
        if (exists && new FileInfo(path).Length > MaxBytes)
        {
            throw new ConfigParseException($"the file is larger than {MaxBytes / (1024 * 1024)} MiB; Toolshed does not edit files that large", 0, 0);
        }

        var before = exists ? await File.ReadAllTextAsync(path, cancellationToken) : "";
        var after = edit(before);
        if (after == before)
        {
            return false;
        }

        if (exists && !File.Exists(path + BackupSuffix))
        {
            File.Copy(path, path + BackupSuffix);
        }

        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.toolshed-{Guid.NewGuid():N}.tmp");
        try
        {
            await File.WriteAllTextAsync(temporary, after, cancellationToken);
            if (exists && !OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, File.GetUnixFileMode(path));
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }

        return true;
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
