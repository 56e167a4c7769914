using Toolshed.Cli.Output;

namespace Toolshed.Cli.Tests.Output;

public sealed class TableWriterTests
{
    [Fact]
    public async Task WriteAsync_Rows_AlignsColumnsWithoutTrailingSpaces()
    {
        var table = new TableWriter("NAME", "STATE", "NOTE")
            .AddRow("a", "running", "")
            .AddRow("longer-name", "up", "multi\nline");
        using var output = new StringWriter();

        await table.WriteAsync(output);

        Assert.Equal(
            ["NAME         STATE    NOTE", "a            running", "longer-name  up       multi line"],
            output.ToString().TrimEnd().Split(Environment.NewLine));
    }

    [Fact]
    public void Truncate_LongText_EndsWithEllipsisWithinLimit()
    {
        var text = TableWriter.Truncate("abcdefghij", 6);

        Assert.Equal("abcde…", text);
    }
}
