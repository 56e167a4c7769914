namespace Toolshed.Cli.Commands;

/// <summary>
/// Works out which lines of a freshly fetched log tail are new since the previous fetch. The logs endpoint returns the
/// last N lines without positions, so: while the window is not full the previous fetch is the whole log and is a
/// prefix of the next; once full, the new lines follow the longest overlap of the old tail with the new head.
/// </summary>
public static class LogLines
{
    public static IReadOnlyList<string> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        return lines.Length > 0 && lines[^1].Length == 0 ? lines[..^1] : lines;
    }

    public static IReadOnlyList<string> NewSince(IReadOnlyList<string> previous, IReadOnlyList<string> current, int window)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(current);
        if (previous.Count < window && current.Count >= previous.Count && StartsWith(current, previous))
        {
            return current.Skip(previous.Count).ToArray();
        }

        for (var overlap = Math.Min(previous.Count, current.Count); overlap > 0; overlap--)
        {
            if (Matches(previous, previous.Count - overlap, current, overlap))
            {
                return current.Skip(overlap).ToArray();
            }
        }

        return current;
    }

    private static bool StartsWith(IReadOnlyList<string> lines, IReadOnlyList<string> prefix) => Matches(prefix, 0, lines, prefix.Count);

    private static bool Matches(IReadOnlyList<string> a, int aStart, IReadOnlyList<string> b, int count)
    {
        for (var i = 0; i < count; i++)
        {
            if (!string.Equals(a[aStart + i], b[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
