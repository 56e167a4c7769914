using System.Text;
using Toolshed.Core.Runtime;

namespace Toolshed.Runtime.Docker.Tests;

public sealed class LogLineSplitterTests
{
    [Fact]
    public void Append_LineSplitAcrossChunks_OneLine()
    {
        var splitter = new LogLineSplitter(WorkloadLogStream.Stderr);
        var lines = new List<WorkloadLogLine>();

        splitter.Append("hel"u8, lines);
        splitter.Append("lo\r\nwor"u8, lines);
        splitter.Append("ld\n\n"u8, lines);
        splitter.Append("tail"u8, lines);
        splitter.Flush(lines);

        Assert.Equal(["hello", "world", "", "tail"], lines.Select(l => l.Text));
        Assert.All(lines, l => Assert.Equal(WorkloadLogStream.Stderr, l.Stream));
    }

    [Fact]
    public void Append_MultiByteCharacterSplit_DecodedWhole()
    {
        var bytes = Encoding.UTF8.GetBytes("grüße\n");
        var splitter = new LogLineSplitter(WorkloadLogStream.Stdout);
        var lines = new List<WorkloadLogLine>();

        splitter.Append(bytes.AsSpan(0, 3), lines);
        splitter.Append(bytes.AsSpan(3), lines);

        Assert.Equal("grüße", Assert.Single(lines).Text);
    }
}
