using System.Text.Json;

namespace Toolshed.Core.Configuration;

/// <summary>
/// Reads and writes <see cref="ToolshedPaths.DaemonInfoPath"/>. Written only by the daemon that holds the state root's
/// lock; read by `shed`, which trusts it only while the process it names is alive.
/// </summary>
public static class DaemonInfoFile
{
    /// <summary>The file is a few hundred bytes; anything much larger is not ours.</summary>
    private const int MaxBytes = 16 * 1024;

    public static void Write(string path, DaemonInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        var temporary = path + ".tmp";
        var bytes = JsonSerializer.SerializeToUtf8Bytes(info, DaemonInfoJsonContext.Default.DaemonInfo);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temporary, options))
        {
            stream.Write(bytes);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The daemon described in the file, or null when there is none, it is unreadable, or its process is gone.</summary>
    public static DaemonInfo? ReadLive(string path)
    {
        var info = Read(path);
        return info is not null && IsAlive(info.ProcessId) ? info : null;
    }

    public static DaemonInfo? Read(string path)
    {
        try
        {
            var file = new FileInfo(path);
            if (!file.Exists || file.Length > MaxBytes)
            {
                return null;
            }

            var info = JsonSerializer.Deserialize(File.ReadAllBytes(path), DaemonInfoJsonContext.Default.DaemonInfo);
            return info is { ProcessId: > 0 } && Uri.TryCreate(info.Url, UriKind.Absolute, out _) ? info : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    public static void Delete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Left behind, it names a process that is gone, and readers skip it.
        }
    }

    private static bool IsAlive(int processId)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }
}
