using System.Security.Cryptography;

namespace Toolshed.Core.Secrets;

/// <summary>The random 256-bit key used when no password is set: created once (0600), refused when others can read it.</summary>
internal static class SecretKeyFile
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static async Task<byte[]> ReadAsync(string path, CancellationToken cancellationToken)
    {
        byte[] key;
        try
        {
            key = await File.ReadAllBytesAsync(path, cancellationToken);
        }
        catch (FileNotFoundException ex)
        {
            throw new SecretStoreException(
                $"The secrets store was encrypted with the key file {path}, which is missing; without it the secrets cannot be read.",
                "Restore the key file from a backup. The store was left untouched.", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SecretStoreException($"The secrets key file {path} cannot be read: {ex.Message}", null, ex);
        }

        if (key.Length != SecretKeyDerivation.KeyLength)
        {
            throw new SecretStoreException(
                $"The secrets key file {path} holds {key.Length} bytes, not {SecretKeyDerivation.KeyLength}: it is damaged.",
                "Restore the key file from a backup. The store was left untouched.");
        }

        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & ~(OwnerOnly | UnixFileMode.UserExecute)) != 0)
        {
            throw new SecretStoreException(
                $"The secrets key file {path} can be read by other users; Toolshed refuses to use it.",
                $"Run `chmod 600 {path}` (and consider the secrets exposed).");
        }

        return key;
    }

    /// <summary>Creates the key file with a fresh key, or reads the one another writer created first.</summary>
    public static async Task<byte[]> GetOrCreateAsync(string path, CancellationToken cancellationToken)
    {
        if (File.Exists(path))
        {
            return await ReadAsync(path, cancellationToken);
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var key = RandomNumberGenerator.GetBytes(SecretKeyDerivation.KeyLength);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }

        try
        {
            await using var stream = new FileStream(path, options);
            await stream.WriteAsync(key, cancellationToken);
            await stream.FlushAsync(cancellationToken);
            stream.Flush(flushToDisk: true);
            return key;
        }
        catch (IOException) when (File.Exists(path))
        {
            return await ReadAsync(path, cancellationToken);
        }
    }
}
