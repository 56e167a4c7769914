namespace Toolshed.Proxy.Telemetry.Stats;

/// <summary>
/// One row's recent figures: a ring of per-second buckets (calls, errors and a <see cref="LatencyHistogram"/> each),
/// reused in place as seconds pass, plus totals since it was made. Its size is fixed when it is made; recording takes a
/// short lock and allocates nothing.
/// </summary>
internal sealed class StatsWindow
{
    private const int Calls = 0;
    private const int Errors = 1;
    private const int FirstBin = 2;
    private const int Stride = FirstBin + LatencyHistogram.BinCount;

    private readonly Lock _lock = new();
    private readonly long[] _seconds;
    private readonly int[] _counts;
    private readonly long _createdAt;
    private long _totalCalls;
    private long _totalErrors;

    /// <param name="seconds">How many one-second buckets the ring keeps: the longest window it can answer for.</param>
    /// <param name="createdAt">The timestamp (<see cref="TimeProvider.GetTimestamp"/>) it starts counting from.</param>
    public StatsWindow(int seconds, long createdAt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(seconds, 1);
        _seconds = new long[seconds];
        Array.Fill(_seconds, long.MinValue);
        _counts = new int[seconds * Stride];
        _createdAt = createdAt;
    }

    public int Seconds => _seconds.Length;

    /// <summary>Counts one completed call in second <paramref name="second"/> of the clock.</summary>
    public void Record(long second, int bin, bool failed)
    {
        var slot = (int)(second % _seconds.Length);
        var at = slot * Stride;
        lock (_lock)
        {
            if (_seconds[slot] != second)
            {
                // A later second than the one this bucket held: its old counts have left every window.
                if (_seconds[slot] > second)
                {
                    return;
                }

                _seconds[slot] = second;
                Array.Clear(_counts, at, Stride);
            }

            _counts[at + Calls]++;
            _counts[at + FirstBin + bin]++;
            _totalCalls++;
            if (failed)
            {
                _counts[at + Errors]++;
                _totalErrors++;
            }
        }
    }

    /// <summary>
    /// The figures of the last <paramref name="window"/> seconds up to <paramref name="now"/> (a timestamp). The rate
    /// divides by the window, or by the time since this row was made when that is shorter, so a row that began 5 s ago
    /// is not shown at a twelfth of its rate.
    /// </summary>
    public StatsFigures Read(long now, long frequency, int window)
    {
        window = Math.Clamp(window, 1, _seconds.Length);
        var second = now / frequency;
        Span<long> bins = stackalloc long[LatencyHistogram.BinCount];
        long calls = 0, errors = 0, totalCalls, totalErrors;
        lock (_lock)
        {
            for (var slot = 0; slot < _seconds.Length; slot++)
            {
                if (_seconds[slot] <= second - window || _seconds[slot] > second)
                {
                    continue;
                }

                var at = slot * Stride;
                calls += _counts[at + Calls];
                errors += _counts[at + Errors];
                for (var bin = 0; bin < bins.Length; bin++)
                {
                    bins[bin] += _counts[at + FirstBin + bin];
                }
            }

            totalCalls = _totalCalls;
            totalErrors = _totalErrors;
        }

        // The window reaches back from the end of the current second; a younger row counts only its own life.
        var windowSpan = window - 1 + (double)(now % frequency) / frequency;
        var lived = (double)(now - _createdAt) / frequency;
        var span = Math.Max(1, Math.Min(windowSpan, lived));
        return new StatsFigures(
            window, calls / span, calls, errors, totalCalls, totalErrors,
            LatencyHistogram.Estimate(bins, 0.50), LatencyHistogram.Estimate(bins, 0.99));
    }
}
