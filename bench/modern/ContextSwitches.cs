using System.Globalization;

namespace Toolshed.Bench.Modern;

/// <summary>
/// A process's context switches (voluntary and not) per thread, from /proc: on this VM a switch costs as much as a
/// good part of a call, so an extra thread hand-off per call shows here before anywhere else.
/// </summary>
internal static class ContextSwitches
{
    public static Dictionary<string, long> Read(int pid)
    {
        var byThread = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
        {
            try
            {
                long switches = 0;
                foreach (var line in File.ReadLines(Path.Combine(task, "status")))
                {
                    if (line.StartsWith("voluntary_ctxt_switches:", StringComparison.Ordinal)
                        || line.StartsWith("nonvoluntary_ctxt_switches:", StringComparison.Ordinal))
                    {
                        switches += long.Parse(line[(line.IndexOf(':') + 1)..].Trim(), CultureInfo.InvariantCulture);
                    }
                }

                byThread[Path.GetFileName(task)] = switches;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The thread ended meanwhile.
            }
        }

        return byThread;
    }

    /// <summary>The switches between two readings: a thread started since counts whole; one that ended since is lost
    /// (the kernel keeps no count of it), so this undercounts a little when the thread pool retires workers.</summary>
    public static long Between(Dictionary<string, long> before, Dictionary<string, long> after) =>
        after.Sum(thread => thread.Value - before.GetValueOrDefault(thread.Key));
}
