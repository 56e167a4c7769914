using Toolshed.Cli.Commands;

namespace Toolshed.Cli.Tests.Commands;

public sealed class GroupOptionSyntaxTests
{
    [Theory]
    [InlineData("github/search=gh_search", "github", "search", "gh_search")]
    [InlineData("my.server.v2/tool.name=new.name", "my.server.v2", "tool.name", "new.name")]
    [InlineData("a-b_c/x=y", "a-b_c", "x", "y")]
    public void TryParseRename_MemberNameNew_SplitsAtTheFirstSlashAndTheFirstEqualsAfterIt(string value, string member, string name, string newName)
    {
        Assert.True(GroupOptionSyntax.TryParseRename(value, out var rename, out _));
        Assert.Equal((member, name, newName), (rename.Member, rename.Name, rename.As));
    }

    [Theory]
    [InlineData("a=b/c=d")]
    [InlineData(".hidden/c=d")]
    [InlineData("a/b=c=d")]
    [InlineData("a/b/c=d")]
    [InlineData("a/b c=d")]
    public void TryParseRename_SeparatorOrSpaceInAName_IsRefused(string value)
    {
        Assert.False(GroupOptionSyntax.TryParseRename(value, out _, out var error));
        Assert.StartsWith($"--rename '{value}'", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("prefix")]
    [InlineData("priority")]
    [InlineData("manual")]
    public void CheckConflicts_AStrategy_IsAccepted(string value) => Assert.Null(GroupOptionSyntax.CheckConflicts(value));
}
