using System.Globalization;

namespace Toolshed.Bench.Modern;

/// <summary>
/// A process's context switches (voluntary and not, summed over its threads, from /proc): on this VM a switch costs
/// as much as a good part of a call, so an extra thread hand-off per call shows here before anywhere else.
/// </summary>
internal static class ContextSwitches
{
    public static long Read(int pid)
    {
        long total = 0;
        foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
        {
            try
            {
                foreach (var line in File.ReadLines(Path.Combine(task, "status")))
                {
                    if (line.StartsWith("voluntary_ctxt_switches:", StringComparison.Ordinal)
                        || line.StartsWith("nonvoluntary_ctxt_switches:", StringComparison.Ordinal))
                    {
                        total += long.Parse(line[(line.IndexOf(':') + 1)..].Trim(), CultureInfo.InvariantCulture);
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The thread ended meanwhile.
            }
        }

        return total;
    }
}
