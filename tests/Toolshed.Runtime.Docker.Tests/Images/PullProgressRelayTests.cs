using Docker.DotNet.Models;
using Toolshed.Core.Runtime;

namespace Toolshed.Runtime.Docker.Tests;

public sealed class PullProgressRelayTests
{
    private const string Image = "127.0.0.1:5000/toolshed/everything:pulltest";

    [Fact]
    public void Report_LayerMessages_CarryTheLayerIdStatusAndBytes()
    {
        var reports = new List<ImagePullProgress>();
        var relay = new PullProgressRelay(Image, new Collect(reports));

        relay.Report(new JSONMessage { ID = "fc7fb1eaaf2c", Status = "Pulling fs layer", Progress = new JSONProgress() });
        relay.Report(new JSONMessage { ID = "fc7fb1eaaf2c", Status = "Downloading", Progress = new JSONProgress { Current = 98304, Total = 8391369 } });

        Assert.Equal(
            [
                new ImagePullProgress(Image, "fc7fb1eaaf2c", "Pulling fs layer"),
                new ImagePullProgress(Image, "fc7fb1eaaf2c", "Downloading", 98304, 8391369),
            ],
            reports);
    }

    [Fact]
    public void Report_MessagesAboutTheWholeImage_HaveNoLayer()
    {
        var reports = new List<ImagePullProgress>();
        var relay = new PullProgressRelay(Image, new Collect(reports));

        // The engine tags its first message with the tag pulled; later ones have no id at all.
        relay.Report(new JSONMessage { ID = "pulltest", Status = "Pulling from toolshed/everything" });
        relay.Report(new JSONMessage { Status = "Digest: sha256:883b2a07" });

        Assert.All(reports, report => Assert.Null(report.Layer));
        Assert.Equal(["Pulling from toolshed/everything", "Digest: sha256:883b2a07"], reports.Select(report => report.Status));
    }

    [Fact]
    public void Report_ErrorMessage_IsRememberedAndNotForwardedAsProgress()
    {
        var reports = new List<ImagePullProgress>();
        var relay = new PullProgressRelay(Image, new Collect(reports));

        relay.Report(new JSONMessage { Error = new JSONError { Message = "manifest unknown" } });
        relay.Report(new JSONMessage { Error = new JSONError { Message = "a later error" } });

        Assert.Equal("manifest unknown", relay.Error);
        Assert.Empty(reports);
    }

    private sealed class Collect(List<ImagePullProgress> reports) : IProgress<ImagePullProgress>
    {
        public void Report(ImagePullProgress value) => reports.Add(value);
    }
}
