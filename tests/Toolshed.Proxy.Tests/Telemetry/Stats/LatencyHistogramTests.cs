using Toolshed.Proxy.Telemetry.Stats;

namespace Toolshed.Proxy.Tests.Telemetry.Stats;

public sealed class LatencyHistogramTests
{
    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(0.2, 0)]
    [InlineData(0.25, 1)]
    [InlineData(0.49, 1)]
    [InlineData(0.5, 2)]
    [InlineData(3.0, 4)]
    [InlineData(1_000.0, 12)]
    [InlineData(10_000_000.0, LatencyHistogram.BinCount - 1)]
    public void BinOf_Milliseconds_FallsInTheBinWhoseBoundsHoldIt(double ms, int bin)
    {
        Assert.Equal(bin, LatencyHistogram.BinOf(TimeSpan.FromMilliseconds(ms)));
        Assert.InRange(ms, LatencyHistogram.LowerMs(bin), LatencyHistogram.UpperMs(bin));
    }

    [Fact]
    public void BinOf_NegativeElapsed_IsTheFirstBin() => Assert.Equal(0, LatencyHistogram.BinOf(TimeSpan.FromTicks(-5)));

    [Fact]
    public void Estimate_NinetyFastOneHundredthSlow_PercentilesWithinAFactorOfTwo()
    {
        var bins = new long[LatencyHistogram.BinCount];
        for (var i = 0; i < 99; i++)
        {
            bins[LatencyHistogram.BinOf(TimeSpan.FromMilliseconds(3))]++;
        }

        bins[LatencyHistogram.BinOf(TimeSpan.FromMilliseconds(800))]++;
        bins[LatencyHistogram.BinOf(TimeSpan.FromMilliseconds(900))]++;

        Assert.InRange(LatencyHistogram.Estimate(bins, 0.50)!.Value, 1.5, 6);
        Assert.InRange(LatencyHistogram.Estimate(bins, 0.999)!.Value, 400, 1800);
    }

    [Fact]
    public void Estimate_NoCalls_IsNull() => Assert.Null(LatencyHistogram.Estimate(new long[LatencyHistogram.BinCount], 0.5));
}
