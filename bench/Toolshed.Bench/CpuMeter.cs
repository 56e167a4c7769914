using System.Diagnostics;
using System.Globalization;

namespace Toolshed.Bench;

/// <summary>
/// CPU time (user + system) of this driver and, when given, of the daemon and of one more process (the peer: e.g. the
/// OTLP receiver the daemon exports to), read from /proc: what each side spends per call is what they take from each
/// other on a machine with two cores.
/// </summary>
internal sealed class CpuMeter(int? daemonPid, int? peerPid = null)
{
    // USER_HZ: 100 on every Linux the benchmark runs on (what /proc/<pid>/stat counts in).
    private const double TicksPerSecond = 100;

    public (TimeSpan Client, TimeSpan Daemon, TimeSpan Peer) Sample()
    {
        using var self = Process.GetCurrentProcess();
        var daemon = daemonPid is { } pid ? ReadProcessCpu(pid) : TimeSpan.Zero;
        var peer = peerPid is { } other ? ReadProcessCpu(other) : TimeSpan.Zero;
        return (self.TotalProcessorTime, daemon, peer);
    }

    public bool HasDaemon => daemonPid is not null;

    public bool HasPeer => peerPid is not null;

    /// <summary>utime + stime of <paramref name="pid"/> (fields 14 and 15, counted after the command's closing parenthesis).</summary>
    private static TimeSpan ReadProcessCpu(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    /// <summary>The daemon's resident set (VmRSS) in KiB.</summary>
    public static long ReadRssKb(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"/proc/{pid}/status has no VmRSS");
    }
}
