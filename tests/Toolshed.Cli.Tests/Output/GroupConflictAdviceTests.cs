using Toolshed.Cli.Output;
using Toolshed.Server.Groups.Api;

namespace Toolshed.Cli.Tests.Output;

public sealed class GroupConflictAdviceTests
{
    private static GroupDetails Group(IReadOnlyList<GroupRenameOptions> renames, params GroupConflictInfo[] conflicts) => new()
    {
        Name = "dev",
        Conflicts = "manual",
        Host = "127.0.0.1",
        Port = 41234,
        Members = [],
        Renames = renames,
        Tools = [],
        Prompts = [],
        NameConflicts = conflicts,
        Unavailable = new Dictionary<string, string>(),
    };

    private static GroupConflictInfo Conflict(string name, string resolution, params string[] members) =>
        new() { Name = name, Members = members, Resolution = resolution };

    [Fact]
    public void RenameCommand_ThreeMembersCollide_RenamesAllButTheFirst()
    {
        var group = Group([], Conflict("search", "unresolved", "a", "b", "c"));

        Assert.Equal("shed group set dev --rename b/search=b_search --rename c/search=c_search", GroupConflictAdvice.RenameCommand(group));
    }

    [Fact]
    public void RenameCommand_CollisionMadeByARename_ChangesThatRenameAndKeepsTheOthers()
    {
        var group = Group(
            [new() { Member = "a", Name = "x", As = "y" }, new() { Member = "b", Name = "find", As = "search" }],
            Conflict("search", "unresolved", "a", "b"),
            Conflict("fetch", "prefixed", "a", "b"));

        Assert.Equal("shed group set dev --rename a/x=y --rename b/find=b_search", GroupConflictAdvice.RenameCommand(group));
    }

    [Fact]
    public void RenameCommand_NewNameTooLong_LeavesNewForTheUserToFillIn()
    {
        var member = new string('m', 40);
        var name = new string('n', 100);
        var group = Group([], Conflict(name, "unresolved", "a", member));

        Assert.Equal($"shed group set dev --rename {member}/{name}=NEW", GroupConflictAdvice.RenameCommand(group));
    }
}
