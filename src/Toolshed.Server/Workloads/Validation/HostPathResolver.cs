namespace Toolshed.Server.Workloads.Validation;

/// <summary>
/// realpath(3) in managed code: the host path a bind really mounts, after normalising '.', '..' and repeated slashes
/// and following every symbolic link on the way (a link to /var/run/docker.sock mounts the socket). Components that do
/// not exist are kept as written.
/// </summary>
internal static class HostPathResolver
{
    private const int MaxLinks = 40;

    public static string Resolve(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var pending = new Stack<string>(Segments(path).Reverse());
        var resolved = new List<string>();
        var links = 0;
        while (pending.TryPop(out var segment))
        {
            if (segment == ".")
            {
                continue;
            }

            if (segment == "..")
            {
                if (resolved.Count > 0)
                {
                    resolved.RemoveAt(resolved.Count - 1);
                }

                continue;
            }

            var candidate = Join(resolved) + "/" + segment;
            string? target = null;
            try
            {
                target = new FileInfo(candidate).LinkTarget;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Unreadable: taken as written.
            }

            if (target is null || ++links > MaxLinks)
            {
                resolved.Add(segment);
                continue;
            }

            if (target.StartsWith('/'))
            {
                resolved.Clear();
            }

            foreach (var part in Segments(target).Reverse())
            {
                pending.Push(part);
            }
        }

        return resolved.Count == 0 ? "/" : Join(resolved);
    }

    /// <summary>Whether <paramref name="path"/> is <paramref name="ancestor"/> or lies below it (both normalised).</summary>
    public static bool IsSameOrUnder(string path, string ancestor) =>
        path == ancestor || ancestor == "/" || path.StartsWith(ancestor + "/", StringComparison.Ordinal);

    /// <summary>'.', '..' and duplicate slashes removed, without touching the disk.</summary>
    public static string Normalize(string path)
    {
        var parts = new List<string>();
        foreach (var segment in Segments(path))
        {
            if (segment == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }
            }
            else if (segment != ".")
            {
                parts.Add(segment);
            }
        }

        return parts.Count == 0 ? "/" : Join(parts);
    }

    private static IEnumerable<string> Segments(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries);

    private static string Join(List<string> parts) => parts.Count == 0 ? "" : "/" + string.Join('/', parts);
}
