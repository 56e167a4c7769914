using Toolshed.Cli.Commands;

namespace Toolshed.Cli.Tests.Commands;

public sealed class LogLinesTests
{
    [Fact]
    public void NewSince_WindowNotFull_ReturnsWhatFollowsThePreviousLog() =>
        Assert.Equal(["x", "x"], LogLines.NewSince(["x", "x"], ["x", "x", "x", "x"], window: 10));

    [Fact]
    public void NewSince_WindowFull_ReturnsWhatFollowsTheOverlap() =>
        Assert.Equal(["d", "e"], LogLines.NewSince(["a", "b", "c"], ["c", "d", "e"], window: 3));

    [Fact]
    public void NewSince_Unchanged_ReturnsNothing() =>
        Assert.Empty(LogLines.NewSince(["a", "b", "c"], ["a", "b", "c"], window: 3));

    [Fact]
    public void NewSince_NoOverlap_ReturnsEverything() =>
        Assert.Equal(["x", "y"], LogLines.NewSince(["a", "b"], ["x", "y"], window: 2));

    [Fact]
    public void Split_TrailingNewlineAndCrLf_GivesLinesWithoutEmptyTail() =>
        Assert.Equal(["a", "b"], LogLines.Split("a\r\nb\n"));
}
