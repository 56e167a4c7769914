using Microsoft.Extensions.Time.Testing;
using Toolshed.Proxy.Auth;

namespace Toolshed.Proxy.Tests.Auth;

public sealed class UnauthenticatedAuditThrottleTests
{
    [Fact]
    public void AFlood_IsCappedPerSecond_AndTheDroppedAreCountedOntoTheNextLine()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-29T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var throttle = new UnauthenticatedAuditThrottle(time, perSecond: 3);

        var taken = Enumerable.Range(0, 10).Count(_ => throttle.TryTake(out _));
        time.Advance(TimeSpan.FromSeconds(1));
        var next = throttle.TryTake(out var dropped);

        Assert.Equal(3, taken);
        Assert.True(next);
        Assert.Equal(7, dropped);
        Assert.True(throttle.TryTake(out var none));
        Assert.Equal(0, none);
    }
}
