namespace Toolshed.Core.IO;

/// <summary>The owner of a file on Unix: user and group ids.</summary>
public readonly record struct FileOwnerId(int Uid, int Gid);
