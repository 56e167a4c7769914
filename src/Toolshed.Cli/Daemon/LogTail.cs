namespace Toolshed.Cli.Daemon;

/// <summary>The last lines of a log file, read from its last megabyte at most, however large the file grew.</summary>
internal static class LogTail
{
    private const long MaxBytes = 1024 * 1024;

    public static async Task<IReadOnlyList<string>> ReadAsync(string path, int lines, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var skipFirst = stream.Length > MaxBytes;
        stream.Seek(Math.Max(0, stream.Length - MaxBytes), SeekOrigin.Begin);
        using var reader = new StreamReader(stream);
        var text = await reader.ReadToEndAsync(cancellationToken);
        var all = text.Split('\n');
        var start = skipFirst ? 1 : 0;
        var end = all.Length > 0 && all[^1].Length == 0 ? all.Length - 1 : all.Length;
        return all[Math.Max(start, end - lines)..end];
    }
}
