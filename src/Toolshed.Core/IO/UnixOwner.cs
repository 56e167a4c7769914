using System.Runtime.InteropServices;

namespace Toolshed.Core.IO;

/// <summary>
/// Who owns a file (statx, through <see cref="LinuxFileInterop"/>) and who this process is, from libc. Everything
/// answers null or does nothing off Linux, where these checks do not apply.
/// </summary>
public static partial class UnixOwner
{
    public static int? EffectiveUid() => OperatingSystem.IsLinux() ? (int)GetEffectiveUid() : null;

    /// <summary>The owner of <paramref name="path"/>, following symbolic links; null when it does not exist or off Linux.</summary>
    public static FileOwnerId? Of(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return OperatingSystem.IsLinux() ? LinuxFileInterop.OwnerOf(path) : null;
    }

    /// <summary>
    /// Gives a file the daemon just created to <paramref name="owner"/> when the daemon runs as root for another user
    /// (else that user could not edit their own config afterwards). Does not follow a symbolic link.
    /// </summary>
    public static void GiveTo(string path, FileOwnerId owner)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (EffectiveUid() is not 0 || owner.Uid == 0)
        {
            return;
        }

        if (LChown(path, owner.Uid, owner.Gid) != 0)
        {
            throw new IOException($"Could not give {path} to uid {owner.Uid} (errno {Marshal.GetLastPInvokeError()}).");
        }
    }

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEffectiveUid();

    [LibraryImport("libc", EntryPoint = "lchown", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int LChown(string path, int uid, int gid);
}
