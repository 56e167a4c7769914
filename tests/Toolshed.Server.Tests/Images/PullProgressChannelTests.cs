using Toolshed.Core.Runtime;
using Toolshed.Server.Images;

namespace Toolshed.Server.Tests.Images;

public sealed class PullProgressChannelTests
{
    private const string Image = "toolshed/everything:1";

    [Fact]
    public void Report_ReaderKeepsUp_PassesEveryReport()
    {
        var channel = new PullProgressChannel(capacity: 4);
        var read = new List<ImagePullProgress>();

        for (var i = 1; i <= 10; i++)
        {
            channel.Report(new ImagePullProgress(Image, "a", "Downloading", i, 10));
            Assert.True(channel.Reader.TryRead(out var progress));
            read.Add(progress);
        }

        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long?)i), read.Select(progress => progress.Current));
        Assert.Equal(0, channel.Dropped);
    }

    [Fact]
    public void Report_QueueHalfFull_DropsByteCountsButKeepsStateChanges()
    {
        var channel = new PullProgressChannel(capacity: 4);

        channel.Report(new ImagePullProgress(Image, "a", "Downloading", 1, 10));
        channel.Report(new ImagePullProgress(Image, "a", "Downloading", 2, 10));
        channel.Report(new ImagePullProgress(Image, "a", "Downloading", 3, 10));
        channel.Report(new ImagePullProgress(Image, "a", "Downloading", 4, 10));
        channel.Report(new ImagePullProgress(Image, "a", "Pull complete"));
        channel.Report(new ImagePullProgress(Image, "b", "Already exists"));
        channel.Complete();

        Assert.Equal(
            ["Downloading 1", "Downloading 2", "Pull complete ", "Already exists "],
            Drain(channel).Select(progress => $"{progress.Status} {progress.Current}"));
        Assert.Equal(2, channel.Dropped);
    }

    [Fact]
    public void Report_QueueFull_DropsEvenStateChangesWithoutBlocking()
    {
        var channel = new PullProgressChannel(capacity: 2);

        channel.Report(new ImagePullProgress(Image, "a", "Waiting"));
        channel.Report(new ImagePullProgress(Image, "b", "Waiting"));
        channel.Report(new ImagePullProgress(Image, "c", "Waiting"));

        Assert.Equal(1, channel.Dropped);
        channel.Complete();
        Assert.Equal(["a", "b"], Drain(channel).Select(progress => progress.Layer));
    }

    private static List<ImagePullProgress> Drain(PullProgressChannel channel)
    {
        var all = new List<ImagePullProgress>();
        while (channel.Reader.TryRead(out var progress))
        {
            all.Add(progress);
        }

        return all;
    }
}
