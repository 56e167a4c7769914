using Toolshed.Cli.Images;
using Toolshed.Server.Images.Api;

namespace Toolshed.Cli.Tests.Images;

public sealed class PlainPullProgressViewTests
{
    [Fact]
    public async Task ShowAsync_FreshPull_PrintsOneLinePerLayerStateChangeNotPerByteCount()
    {
        using var output = new StringWriter();

        var final = await new PlainPullProgressView(output).ShowAsync(
            PullSequences.Image, PullSequences.Stream(PullSequences.FreshPull()), TestContext.Current.CancellationToken);

        Assert.Equal(ImagePullEvent.DoneStatus, final?.Status);
        Assert.Equal(
            [
                $"Pulling {PullSequences.Image}…",
                "Pulling from toolshed/everything",
                $"{PullSequences.Base}: Already exists",
                $"{PullSequences.Fresh}: Pulling fs layer",
                $"{PullSequences.Fresh}: Downloading",
                $"{PullSequences.Fresh}: Verifying Checksum",
                $"{PullSequences.Fresh}: Download complete",
                $"{PullSequences.Fresh}: Extracting",
                $"{PullSequences.Fresh}: Pull complete",
                "Digest: sha256:883b2a0778e2",
                $"Pulled {PullSequences.Image}.",
            ],
            Lines(output));
    }

    [Fact]
    public async Task ShowAsync_StateChangeDroppedForASlowClient_DoneStillCompletesEveryLayer()
    {
        using var output = new StringWriter();

        await new PlainPullProgressView(output).ShowAsync(
            PullSequences.Image, PullSequences.Stream(PullSequences.FreshPull(withPullComplete: false)), TestContext.Current.CancellationToken);

        var lines = Lines(output);
        Assert.Equal([$"{PullSequences.Fresh}: Pull complete", $"Pulled {PullSequences.Image}."], lines[^2..]);
    }

    [Fact]
    public async Task ShowAsync_ImagePresent_PrintsNothing()
    {
        using var output = new StringWriter();

        var final = await new PlainPullProgressView(output).ShowAsync(
            PullSequences.Image, PullSequences.Stream(PullSequences.Present()), TestContext.Current.CancellationToken);

        Assert.Equal(false, final?.Pulled);
        Assert.Equal("", output.ToString());
    }

    [Fact]
    public async Task ShowAsync_ErrorLine_ReturnsItWithoutClaimingSuccess()
    {
        using var output = new StringWriter();
        ImagePullEvent[] events =
        [
            new() { Status = "Downloading", Layer = PullSequences.Fresh, Current = 1, Total = 2 },
            new() { Status = ImagePullEvent.ErrorStatus, Image = PullSequences.Image, Error = "unexpected EOF" },
        ];

        var final = await new PlainPullProgressView(output).ShowAsync(
            PullSequences.Image, PullSequences.Stream(events), TestContext.Current.CancellationToken);

        Assert.Equal("unexpected EOF", final?.Error);
        Assert.DoesNotContain("Pulled", output.ToString(), StringComparison.Ordinal);
    }

    private static string[] Lines(StringWriter output) =>
        output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
}
