using Toolshed.Proxy.Groups.Optimizer;

namespace Toolshed.Proxy.Tests.Groups;

public sealed class ToolIndexTests
{
    private static readonly (string, string)[] s_tools =
    [
        ("read_file", "Read the complete contents of a file from the file system."),
        ("write_file", "Create a new file or overwrite an existing file with new content."),
        ("search_files", "Recursively search for files and directories matching a pattern."),
        ("fetch", "Fetches a URL from the internet and extracts its contents as markdown."),
        ("create_entities", "Create multiple new entities in the knowledge graph."),
        ("read_graph", "Read the entire knowledge graph."),
        ("echo", "Echoes back the input message."),
    ];

    [Theory]
    [InlineData("read a file", "read_file")]
    [InlineData("add entities to my knowledge graph", "create_entities")]
    [InlineData("download a web page url", "fetch")]
    [InlineData("echo a message back", "echo")]
    [InlineData("searching directories", "search_files")]
    public void Search_RanksTheToolThatDoesItFirst(string query, string expected)
    {
        using var index = ToolIndex.Build(s_tools);

        Assert.Equal(expected, index.Search(query, 3)[0]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\"(*^:-)\"")]
    public void Search_AQueryWithoutWords_OrWithSearchSyntax_FindsNothingAndDoesNotThrow(string query)
    {
        using var index = ToolIndex.Build(s_tools);

        Assert.Empty(index.Search(query, 5));
    }

    [Fact]
    public void Search_SearchSyntaxWordsAreJustWords()
    {
        using var index = ToolIndex.Build(s_tools);

        Assert.Equal("search_files", index.Search("NEAR(directories OR) AND", 1)[0]);
    }

    [Fact]
    public void Search_KeepsToTheLimit()
    {
        using var index = ToolIndex.Build(s_tools);

        Assert.Equal(2, index.Search("file", 2).Count);
    }

    [Fact]
    public void Cache_BuildsOncePerSetOfTools_AndAgainWhenTheSetChanges()
    {
        using var cache = new ToolIndexCache();

        var first = cache.Get(s_tools);
        var again = cache.Get([.. s_tools]);
        var changed = cache.Get([.. s_tools, ("delete_file", "Delete a file.")]);

        Assert.Same(first, again);
        Assert.NotSame(first, changed);
        Assert.Equal(2, cache.Builds);
        Assert.Equal("delete_file", changed.Search("delete", 1)[0]);
    }

    [Fact]
    public void Cache_IsBounded()
    {
        using var cache = new ToolIndexCache();

        for (var i = 0; i < ToolIndexCache.Capacity * 2; i++)
        {
            cache.Get([($"tool{i}", "one of many")]);
        }

        var first = cache.Get([("tool0", "one of many")]); // evicted long ago: built again
        Assert.Equal((ToolIndexCache.Capacity * 2) + 1, cache.Builds);
        Assert.Equal("tool0", first.Search("tool0", 1)[0]);
    }
}
