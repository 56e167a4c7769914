namespace Toolshed.Core.IO;

/// <summary>What a path is on disk, from its mode bits (after following symbolic links).</summary>
public enum UnixFileKind
{
    Missing,
    Regular,
    Directory,
    Fifo,
    CharacterDevice,
    BlockDevice,
    Socket,
    SymbolicLink,
    Unknown,
}
