using Toolshed.Core.Configuration;

namespace Toolshed.Server.Hosting;

/// <summary>
/// The exclusive lock one daemon holds on its state root for as long as it runs (an advisory lock on
/// <see cref="ToolshedPaths.DaemonLockPath"/>, released by the kernel when the process dies, however it dies). It also
/// owns <see cref="ToolshedPaths.DaemonInfoPath"/>, which it removes before letting go.
/// </summary>
public sealed class DaemonLock : IDisposable
{
    private readonly FileStream _lock;
    private readonly ToolshedPaths _paths;
    private bool _published;

    private DaemonLock(FileStream held, ToolshedPaths paths)
    {
        _lock = held;
        _paths = paths;
    }

    /// <summary>Takes the lock, or throws <see cref="DaemonAlreadyRunningException"/> naming the daemon that has it.</summary>
    public static DaemonLock Acquire(ToolshedPaths paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        paths.EnsureCreated();
        var options = new FileStreamOptions
        {
            Mode = FileMode.OpenOrCreate,
            Access = FileAccess.ReadWrite,
            // On Unix, .NET takes flock(LOCK_EX | LOCK_NB) for FileShare.None.
            Share = FileShare.None,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            return new DaemonLock(new FileStream(paths.DaemonLockPath, options), paths);
        }
        catch (IOException ex)
        {
            throw new DaemonAlreadyRunningException(paths.StateDirectory, DaemonInfoFile.Read(paths.DaemonInfoPath), ex);
        }
    }

    /// <summary>Says where this daemon answers, for `shed` to find it.</summary>
    public void Publish(DaemonInfo info)
    {
        ObjectDisposedException.ThrowIf(!_lock.CanWrite, this);
        DaemonInfoFile.Write(_paths.DaemonInfoPath, info);
        _published = true;
    }

    public void Dispose()
    {
        if (!_lock.CanWrite)
        {
            return;
        }

        if (_published)
        {
            DaemonInfoFile.Delete(_paths.DaemonInfoPath);
        }

        _lock.Dispose();
    }
}
