using Toolshed.Core.Configuration;

namespace Toolshed.Core.Tests.Configuration;

public sealed class DurationTextTests
{
    [Theory]
    [InlineData("30s", 30_000)]
    [InlineData("10m", 600_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("500ms", 500)]
    [InlineData("2d", 172_800_000)]
    [InlineData(" 10M ", 600_000)]
    public void TryParse_NumberAndUnit_ReadsDuration(string text, long milliseconds)
    {
        Assert.True(DurationText.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("10")]
    [InlineData("m")]
    [InlineData("-5s")]
    [InlineData("1.5s")]
    [InlineData("10 m")]
    [InlineData("10x")]
    [InlineData("99999999999999999999d")]
    [InlineData("9999999999999d")]
    [InlineData(null)]
    public void TryParse_NotADuration_IsFalse(string? text) => Assert.False(DurationText.TryParse(text, out _));

    [Theory]
    [InlineData(600_000, "10m")]
    [InlineData(5_400_000, "1h30m")]
    [InlineData(30_000, "30s")]
    [InlineData(250, "250ms")]
    [InlineData(0, "0s")]
    public void Format_Duration_InLargestUnits(long milliseconds, string text) =>
        Assert.Equal(text, DurationText.Format(TimeSpan.FromMilliseconds(milliseconds)));
}
