using Docker.DotNet.Models;

namespace Toolshed.Runtime.Docker.Tests.Packages;

public sealed class BuildOutputRelayTests
{
    [Fact]
    public void Report_ColouredMultiLineOutput_ForwardsEachLinePlainAndKeepsTheError()
    {
        var lines = new List<string>();
        var relay = new BuildOutputRelay(new Toolshed.Runtime.Docker.Packages.LineProgress(lines.Add));

        relay.Report(new JSONMessage { Stream = "Step 3/9 : RUN [\"npm\",\"pack\"]\n" });
        relay.Report(new JSONMessage { Stream = "\u001b[91mnpm error enoent\u001b[0m\n\n\u001b[1;31mfailed\u001b[0m\r\n" });
        relay.Report(new JSONMessage { Error = new JSONError { Message = "returned a non-zero code: 254" } });

        Assert.Equal(["Step 3/9 : RUN [\"npm\",\"pack\"]", "npm error enoent", "failed"], lines);
        Assert.Equal("returned a non-zero code: 254", relay.Error);
        Assert.Equal(lines, relay.LastLines);
    }
}
