using System.Numerics;

namespace Toolshed.Proxy.Telemetry.Stats;

/// <summary>
/// The fixed log-scale latency bins of the in-memory stats: bin 0 holds what took under 0.25 ms, bin <c>i</c> what took
/// [0.25·2^(i-1), 0.25·2^i) ms, and the last one everything from 65.5 s up. Percentiles are estimated from the counts
/// alone (geometrically within the bin), so they are true to within a factor of two, and nothing is sampled or stored.
/// </summary>
internal static class LatencyHistogram
{
    public const int BinCount = 20;

    /// <summary>The upper bound of bin 0, in ticks (0.25 ms).</summary>
    private const long FirstBoundTicks = TimeSpan.TicksPerMillisecond / 4;

    /// <summary>Which bin <paramref name="elapsed"/> falls in: integer arithmetic only, it runs on every call.</summary>
    public static int BinOf(TimeSpan elapsed)
    {
        var quarters = (ulong)Math.Max(0, elapsed.Ticks / FirstBoundTicks);
        return Math.Min(BinCount - 1, 64 - BitOperations.LeadingZeroCount(quarters));
    }

    /// <summary>The lower bound of <paramref name="bin"/> in milliseconds.</summary>
    public static double LowerMs(int bin) => bin == 0 ? 0 : 0.25 * Math.Pow(2, bin - 1);

    /// <summary>The upper bound of <paramref name="bin"/> in milliseconds (infinite for the last).</summary>
    public static double UpperMs(int bin) => bin == BinCount - 1 ? double.PositiveInfinity : 0.25 * Math.Pow(2, bin);

    /// <summary>The <paramref name="quantile"/> (0-1) of the calls counted in <paramref name="bins"/>; null without any.</summary>
    public static double? Estimate(ReadOnlySpan<long> bins, double quantile)
    {
        long total = 0;
        foreach (var count in bins)
        {
            total += count;
        }

        if (total == 0)
        {
            return null;
        }

        var rank = Math.Max(1, Math.Ceiling(quantile * total));
        long before = 0;
        for (var bin = 0; bin < bins.Length; bin++)
        {
            if (bins[bin] == 0 || before + bins[bin] < rank)
            {
                before += bins[bin];
                continue;
            }

            var fraction = (rank - before) / bins[bin];
            if (bin == 0)
            {
                return UpperMs(0) * fraction;
            }

            // The open-ended last bin says only "at least this long".
            return bin == BinCount - 1 ? LowerMs(bin) : LowerMs(bin) * Math.Pow(2, fraction);
        }

        return LowerMs(BinCount - 1);
    }
}
