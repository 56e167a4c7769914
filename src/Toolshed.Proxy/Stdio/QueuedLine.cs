namespace Toolshed.Proxy.Stdio;

/// <summary>A newline-terminated line waiting for the stdin writer, with the tag reported if it is lost (0: none).</summary>
internal readonly record struct QueuedLine(ReadOnlyMemory<byte> Bytes, long Tag);
