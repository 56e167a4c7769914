using Toolshed.Core.Errors;
using Toolshed.Core.Groups;

namespace Toolshed.Core.Tests.Groups;

public sealed class GroupRulesTests
{
    [Fact]
    public void CheckMembers_RefusesAMemberListedTwice_AndTooManyMembers()
    {
        var twice = Assert.Throws<InvalidInputException>(() => GroupRules.CheckMembers(["a", "b", "a"]));
        Assert.Contains("'a' is listed twice", twice.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidInputException>(() => GroupRules.CheckMembers([.. Enumerable.Range(0, GroupRules.MaxMembers + 1).Select(i => $"w{i}")]));
        GroupRules.CheckMembers(["a", "b"]);
    }

    [Theory]
    [InlineData("fs", "read file", "read")]
    [InlineData("fs", "read", "")]
    [InlineData("", "read", "r")]
    public void CheckRenames_RefusesBadNames(string member, string name, string newName)
    {
        Assert.Throws<InvalidInputException>(() => GroupRules.CheckRenames([new GroupRename { Member = member, Name = name, As = newName }]));
    }

    [Fact]
    public void CheckRenames_RefusesTwoRenamesToOneName_AndOneNameRenamedTwice()
    {
        var same = Assert.Throws<InvalidInputException>(() => GroupRules.CheckRenames(
        [
            new GroupRename { Member = "a", Name = "x", As = "shown" },
            new GroupRename { Member = "b", Name = "y", As = "shown" },
        ]));
        Assert.Contains("both renamed to 'shown'", same.Message, StringComparison.Ordinal);
        var twice = Assert.Throws<InvalidInputException>(() => GroupRules.CheckRenames(
        [
            new GroupRename { Member = "a", Name = "x", As = "one" },
            new GroupRename { Member = "a", Name = "x", As = "two" },
        ]));
        Assert.Contains("renamed twice", twice.Message, StringComparison.Ordinal);
    }
}
