using Toolshed.Server.Reconciliation;

namespace Toolshed.Server.Tests.Reconciliation;

public sealed class RestartBackoffTests
{
    private static readonly DateTimeOffset s_start = new(2026, 11, 29, 0, 0, 0, TimeSpan.Zero);
    private readonly RestartBackoff _backoff = new(new ReconcilerOptions());

    [Fact]
    public void TryBegin_RepeatedFailures_WaitsOneTwoFourSecondsAndCapsAtOneMinute()
    {
        var now = s_start;
        Assert.True(_backoff.TryBegin("a", now));

        var expectedDelays = new[] { 1, 2, 4, 8, 16, 32, 60, 60 };
        foreach (var seconds in expectedDelays)
        {
            Assert.False(_backoff.TryBegin("a", now + TimeSpan.FromSeconds(seconds) - TimeSpan.FromMilliseconds(1)));
            now += TimeSpan.FromSeconds(seconds);
            Assert.True(_backoff.TryBegin("a", now), $"a retry was due after {seconds} s");
        }
    }

    [Fact]
    public void TryBegin_OtherWorkload_HasItsOwnBackoff()
    {
        Assert.True(_backoff.TryBegin("a", s_start));
        Assert.True(_backoff.TryBegin("b", s_start));
        Assert.False(_backoff.TryBegin("a", s_start));
    }

    [Fact]
    public void ObserveRunning_StableLongEnough_ResetsToOneSecond()
    {
        Assert.True(_backoff.TryBegin("a", s_start));
        Assert.True(_backoff.TryBegin("a", s_start + TimeSpan.FromSeconds(1)));
        Assert.True(_backoff.TryBegin("a", s_start + TimeSpan.FromSeconds(3)));

        var later = s_start + TimeSpan.FromMinutes(10);
        _backoff.ObserveRunning("a", later);

        Assert.True(_backoff.TryBegin("a", later));
        Assert.False(_backoff.TryBegin("a", later + TimeSpan.FromMilliseconds(999)));
        Assert.True(_backoff.TryBegin("a", later + TimeSpan.FromSeconds(1)));
    }
}
