using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Toolshed.Core.Clients;

/// <summary>
/// Who owns a file and who this process is, from libc (statx reads the same buffer layout on every Linux
/// architecture). Everything answers null or does nothing off Linux, where these checks do not apply.
/// </summary>
public static partial class UnixOwner
{
    private const int AtFdCwd = -100;
    private const uint StatxUid = 0x8;
    private const uint StatxGid = 0x10;
    private const int StatxBufferSize = 256;
    private const int UidOffset = 20;
    private const int GidOffset = 24;

    public static int? EffectiveUid() => OperatingSystem.IsLinux() ? (int)GetEffectiveUid() : null;

    /// <summary>The owner of <paramref name="path"/>, following symbolic links; null when it does not exist or off Linux.</summary>
    public static FileOwnerId? Of(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        Span<byte> buffer = stackalloc byte[StatxBufferSize];
        buffer.Clear();
        if (StatX(AtFdCwd, path, 0, StatxUid | StatxGid, buffer) != 0)
        {
            return null;
        }

        return new FileOwnerId(
            (int)BinaryPrimitives.ReadUInt32LittleEndian(buffer[UidOffset..]),
            (int)BinaryPrimitives.ReadUInt32LittleEndian(buffer[GidOffset..]));
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

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int StatX(int directory, string path, int flags, uint mask, Span<byte> buffer);

    [LibraryImport("libc", EntryPoint = "lchown", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int LChown(string path, int uid, int gid);
}
