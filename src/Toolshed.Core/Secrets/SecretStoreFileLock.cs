namespace Toolshed.Core.Secrets;

/// <summary>
/// An exclusive lock on "STORE.lock" that other processes (another daemon, a CLI) respect: the file is held open with
/// <see cref="FileShare.None"/>, which .NET implements with an advisory flock on Unix.
/// </summary>
internal sealed class SecretStoreFileLock : IDisposable
{
    private static readonly TimeSpan s_retryInterval = TimeSpan.FromMilliseconds(25);
    private readonly FileStream _stream;

    private SecretStoreFileLock(FileStream stream) => _stream = stream;

    public static async Task<SecretStoreFileLock> AcquireAsync(string storePath, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        var path = storePath + ".lock";
        var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        var started = time.GetTimestamp();
        while (true)
        {
            try
            {
                return new SecretStoreFileLock(new FileStream(path, options));
            }
            catch (IOException) when (time.GetElapsedTime(started) < timeout)
            {
                // Another process writes the store right now; writes are short.
                await Task.Delay(s_retryInterval, time, cancellationToken);
            }
            catch (IOException ex)
            {
                throw new SecretStoreException(
                    $"The secrets store is locked by another process ({path}) for more than {timeout.TotalSeconds:0} s.",
                    "Try again; if it persists, check for a hung `shed` process.", ex);
            }
        }
    }

    public void Dispose() => _stream.Dispose();
}
