using Toolshed.Clients;

namespace Toolshed.Clients.Tests;

/// <summary>The spans the JSONC reader keeps are char offsets into the text, whatever the text holds before them.</summary>
public sealed class JsoncParserTests
{
    [Theory]
    [InlineData("")]
    [InlineData("  \n")]
    [InlineData("// nothing yet\n/* still nothing */\n")]
    [InlineData("\uFEFF")]
    public void Parse_OnlyTriviaOrEmpty_IsNoDocument(string text) => Assert.Null(JsoncParser.Parse(text));

    [Fact]
    public void Parse_NonAsciiBeforeMembers_SpansAreCharOffsets()
    {
        const string text = "\uFEFF{ \"naïve 😀\": \"é\", /* a, b */ \"next\": [1, 2,], }";

        var root = Assert.IsType<JsoncObject>(JsoncParser.Parse(text));

        Assert.Equal(["naïve 😀", "next"], root.Members.Select(m => m.Key));
        var first = root.Members[0];
        Assert.Equal(text.IndexOf("\"naïve", StringComparison.Ordinal), first.KeyStart);
        Assert.Equal("\"é\"", text[first.Value.Start..first.Value.End]);
        Assert.Equal(text.IndexOf(','), first.CommaAfter);
        var second = root.Members[1];
        Assert.Equal("[1, 2,]", text[second.Value.Start..second.Value.End]);
        Assert.Equal(text.LastIndexOf(','), second.CommaAfter);
        Assert.Equal(text.Length, root.End);
    }

    [Fact]
    public void Parse_CommaInsideACommentBetweenMembers_IsNotTheSeparator()
    {
        const string text = "{\"a\": 1 /* , */ , \"b\": 2 // ,\n}";

        var root = Assert.IsType<JsoncObject>(JsoncParser.Parse(text));

        Assert.Equal(text.IndexOf("*/ ,", StringComparison.Ordinal) + 3, root.Members[0].CommaAfter);
        Assert.Null(root.Members[1].CommaAfter);
    }

    [Fact]
    public void Parse_ErrorAfterNonAsciiText_ReportsTheCharColumn()
    {
        var error = Assert.Throws<ConfigParseException>(() => JsoncParser.Parse("{\n  \"ünï\": 1 \"b\": 2\n}"));

        Assert.Equal(2, error.Line);
        Assert.Equal(12, error.Column);
        Assert.DoesNotContain("LineNumber", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnterminatedComment_IsAParseError() =>
        Assert.Throws<ConfigParseException>(() => JsoncParser.Parse("{\"a\": 1 /* never closed"));
}
