using System.Text.RegularExpressions;
using Spectre.Console.Testing;
using Toolshed.Cli.Images;
using Toolshed.Server.Images.Api;

namespace Toolshed.Cli.Tests.Images;

public sealed class LivePullProgressViewTests
{
    [Fact]
    public async Task ShowAsync_FreshPull_DrawsABarPerLayerEndingComplete()
    {
        var console = new TestConsole().Interactive().Width(120);

        var final = await new LivePullProgressView(console).ShowAsync(
            PullSequences.Image, PullSequences.Stream(PullSequences.FreshPull()), TestContext.Current.CancellationToken);

        Assert.Equal(ImagePullEvent.DoneStatus, final?.Status);
        var lines = console.Lines;
        Assert.Contains(lines, line => line.Contains($"{PullSequences.Base}: Already exists", StringComparison.Ordinal) && line.Contains("100%", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains($"{PullSequences.Fresh}: Pull complete", StringComparison.Ordinal) && line.Contains("100%", StringComparison.Ordinal));
        Assert.Contains($"Pulling {PullSequences.Image}", console.Output, StringComparison.Ordinal);
        Assert.Equal($"Pulled {PullSequences.Image}.", lines[^1].TrimEnd());
    }

    [Fact]
    public async Task ShowAsync_MidDownload_ShowsTheLayersBytes()
    {
        var console = new TestConsole().Interactive().Width(120);
        ImagePullEvent[] events =
        [
            new() { Status = "Downloading", Layer = PullSequences.Fresh, Current = 5_470_208, Total = 8_391_369 },
            new() { Status = ImagePullEvent.ErrorStatus, Image = PullSequences.Image, Error = "unexpected EOF" },
        ];

        var final = await new LivePullProgressView(console).ShowAsync(
            PullSequences.Image, PullSequences.Stream(events), TestContext.Current.CancellationToken);

        Assert.Equal(ImagePullEvent.ErrorStatus, final?.Status);
        Assert.Contains(console.Lines, line =>
            Regex.IsMatch(line, $@"{PullSequences.Fresh}: Downloading +5\.47 MB/8\.39 MB") && line.Contains("65%", StringComparison.Ordinal));
        Assert.DoesNotContain("Pulled", console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShowAsync_ImagePresent_DrawsNothing()
    {
        var console = new TestConsole().Interactive();

        var final = await new LivePullProgressView(console).ShowAsync(
            PullSequences.Image, PullSequences.Stream(PullSequences.Present()), TestContext.Current.CancellationToken);

        Assert.Equal(false, final?.Pulled);
        Assert.Equal("", console.Output);
    }
}
