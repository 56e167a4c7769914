using System.Buffers.Binary;
using System.ComponentModel;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Toolshed.Core.IO;

/// <summary>
/// statx(2) and open(2) from libc. statx's buffer has one layout on every Linux architecture (unlike struct stat), and
/// opening with O_NONBLOCK means a FIFO swapped in after the type check still never blocks the caller.
/// </summary>
internal static partial class LinuxFileInterop
{
    private const int AtFdCwd = -100;
    private const int AtEmptyPath = 0x1000;
    private const uint StatxType = 0x1;
    private const uint StatxUid = 0x8;
    private const uint StatxGid = 0x10;
    private const uint StatxSize = 0x200;
    private const int OpenReadOnly = 0;
    private const int OpenNonBlocking = 0x800;
    private const int OpenCloseOnExec = 0x80000;
    private const int StatxBufferSize = 256;
    private const int UidOffset = 20;
    private const int GidOffset = 24;
    private const int ModeOffset = 28;
    private const int SizeOffset = 40;
    private const int NoSuchFile = 2;
    private const int NotADirectory = 20;
    private const int NotPermitted = 1;
    private const int PermissionDenied = 13;

    /// <summary>stat(2) of a path, following symbolic links; <see cref="UnixFileKind.Missing"/> when nothing is there.</summary>
    public static FileStatus StatPath(string path) => Stat(AtFdCwd, path, 0, missingIsError: false);

    /// <summary>The owner of a path, following symbolic links; null when nothing is there or it cannot be read.</summary>
    public static FileOwnerId? OwnerOf(string path)
    {
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

    /// <summary>fstat(2) of an open descriptor.</summary>
    public static FileStatus StatHandle(SafeFileHandle handle)
    {
        var added = false;
        handle.DangerousAddRef(ref added);
        try
        {
            return Stat((int)handle.DangerousGetHandle(), "", AtEmptyPath, missingIsError: true);
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    /// <summary>Opens for reading without blocking (a FIFO opens at once instead of waiting for a writer).</summary>
    public static SafeFileHandle OpenForReading(string path)
    {
        var fd = Open(path, OpenReadOnly | OpenNonBlocking | OpenCloseOnExec);
        if (fd < 0)
        {
            throw Error(Marshal.GetLastPInvokeError(), path);
        }

        return new SafeFileHandle(fd, ownsHandle: true);
    }

    private static FileStatus Stat(int directory, string path, int flags, bool missingIsError)
    {
        Span<byte> buffer = stackalloc byte[StatxBufferSize];
        buffer.Clear();
        if (StatX(directory, path, flags, StatxType | StatxSize, buffer) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (!missingIsError && errno is NoSuchFile or NotADirectory)
            {
                return new FileStatus(UnixFileKind.Missing, 0);
            }

            throw Error(errno, path);
        }

        var mode = BinaryPrimitives.ReadUInt16LittleEndian(buffer[ModeOffset..]);
        var size = BinaryPrimitives.ReadInt64LittleEndian(buffer[SizeOffset..]);
        return new FileStatus(KindOf(mode), size);
    }

    private static UnixFileKind KindOf(int mode) => (mode & 0xF000) switch
    {
        0x8000 => UnixFileKind.Regular,
        0x4000 => UnixFileKind.Directory,
        0x1000 => UnixFileKind.Fifo,
        0x2000 => UnixFileKind.CharacterDevice,
        0x6000 => UnixFileKind.BlockDevice,
        0xC000 => UnixFileKind.Socket,
        0xA000 => UnixFileKind.SymbolicLink,
        _ => UnixFileKind.Unknown,
    };

    private static Exception Error(int errno, string path) => errno switch
    {
        NoSuchFile or NotADirectory => new FileNotFoundException($"{path} does not exist.", path),
        PermissionDenied or NotPermitted => new UnauthorizedAccessException($"Permission denied: {path}."),
        _ => new IOException(new Win32Exception(errno).Message),
    };

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int StatX(int directory, string path, int flags, uint mask, Span<byte> buffer);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);
}
