namespace Toolshed.Core.IO;

/// <summary>The type and size of a file, as stat(2) reports them.</summary>
public readonly record struct FileStatus(UnixFileKind Kind, long Size);
