namespace Toolshed.Proxy.Audit;

/// <summary>Reads the last lines of a workload's audit log, reaching into the newest rotated file when needed.</summary>
public static class AuditLogReader
{
    public static async Task<string> TailAsync(string directory, string workloadName, int tail, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(tail, 1);
        var path = AuditLog.PathFor(directory, workloadName);
        var lines = new List<string>();
        foreach (var file in new[] { path, path + ".1" })
        {
            if (lines.Count >= tail)
            {
                break;
            }

            if (!File.Exists(file))
            {
                continue;
            }

            var content = await ReadSharedAsync(file, cancellationToken);
            var fileLines = content.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            lines.InsertRange(0, fileLines.Skip(Math.Max(0, fileLines.Length - (tail - lines.Count))));
        }

        return lines.Count == 0 ? "" : string.Join('\n', lines) + "\n";
    }

    private static async Task<string> ReadSharedAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync(cancellationToken);
    }
}
