using Toolshed.Core.Groups;
using Toolshed.Proxy.Groups;

namespace Toolshed.Proxy.Tests.Groups;

public sealed class GroupNamingTests
{
    private static readonly MemberOffer s_files = new("files", ["read", "write", "search"]);
    private static readonly MemberOffer s_web = new("web", ["fetch", "search"]);

    [Fact]
    public void Prefix_RenamesOnlyTheCollidingNames()
    {
        var result = GroupNaming.Resolve(GroupConflictStrategy.Prefix, [], [s_files, s_web]);

        Assert.Equal(["read", "write", "files_search", "fetch", "web_search"], result.Entries.Select(e => e.Shown));
        Assert.Equal(new NamedEntry("web_search", "web", "search"), result.Entries[^1]);
        var conflict = Assert.Single(result.Conflicts);
        Assert.Equal(("search", NamingConflict.Prefixed), (conflict.Name, conflict.Resolution));
        Assert.Equal(["files", "web"], conflict.Members);
    }

    [Fact]
    public void Prefix_GivesTheSameNamesWhateverTheMemberOrder()
    {
        var forward = GroupNaming.Resolve(GroupConflictStrategy.Prefix, [], [s_files, s_web]);
        var backward = GroupNaming.Resolve(GroupConflictStrategy.Prefix, [], [s_web, s_files]);

        Assert.Equal(
            forward.Entries.OrderBy(e => e.Shown, StringComparer.Ordinal),
            backward.Entries.OrderBy(e => e.Shown, StringComparer.Ordinal));
    }

    [Fact]
    public void Prefix_TwoPrefixedNamesThatCollideAgain_AreUnresolved_AndNeitherIsShown()
    {
        // "c" and "b_c" both collide with z's; prefixed, "a_b" + "c" and "a" + "b_c" both make "a_b_c".
        var result = GroupNaming.Resolve(
            GroupConflictStrategy.Prefix, [], [new MemberOffer("a_b", ["c"]), new MemberOffer("a", ["b_c"]), new MemberOffer("z", ["c", "b_c"])]);

        Assert.DoesNotContain(result.Entries, e => e.Shown == "a_b_c");
        Assert.Equal(["z_c", "z_b_c"], result.Entries.Select(e => e.Shown));
        Assert.Contains(result.Conflicts, c => c.Name == "a_b_c" && c.IsUnresolved);
        Assert.True(result.HasUnresolved);
    }

    [Fact]
    public void Prefix_ARawNameEqualToAPrefixedOne_IsPrefixedInTheNextRound()
    {
        // x and y both offer "c" (→ x_c, y_c); w offers "x_c" as its own name, which then collides.
        var result = GroupNaming.Resolve(
            GroupConflictStrategy.Prefix, [], [new MemberOffer("x", ["c"]), new MemberOffer("y", ["c"]), new MemberOffer("w", ["x_c"])]);

        Assert.Equal(["x_c", "y_c", "w_x_c"], result.Entries.Select(e => e.Shown));
        Assert.Equal(2, result.Conflicts.Count(c => c.Resolution == NamingConflict.Prefixed));
    }

    [Fact]
    public void Renames_ApplyFirst_AndSettleACollisionUnderEveryStrategy()
    {
        GroupRename[] renames = [new() { Member = "web", Name = "search", As = "web_search_engine" }];
        foreach (var strategy in Enum.GetValues<GroupConflictStrategy>())
        {
            var result = GroupNaming.Resolve(strategy, renames, [s_files, s_web]);

            Assert.Empty(result.Conflicts);
            Assert.Contains(new NamedEntry("search", "files", "search"), result.Entries);
            Assert.Contains(new NamedEntry("web_search_engine", "web", "search"), result.Entries);
        }
    }

    [Fact]
    public void Prefix_ARawNameCollidingWithARename_IsPrefixed_TheRenameStays()
    {
        GroupRename[] renames = [new() { Member = "files", Name = "read", As = "fetch" }];

        var result = GroupNaming.Resolve(GroupConflictStrategy.Prefix, renames, [s_files, s_web]);

        Assert.Contains(new NamedEntry("fetch", "files", "read"), result.Entries);
        Assert.Contains(new NamedEntry("web_fetch", "web", "fetch"), result.Entries);
    }

    [Fact]
    public void Priority_TheFirstMemberKeepsTheName_AndTheOtherIsReported()
    {
        var result = GroupNaming.Resolve(GroupConflictStrategy.Priority, [], [s_web, s_files]);

        Assert.Contains(new NamedEntry("search", "web", "search"), result.Entries);
        Assert.DoesNotContain(result.Entries, e => e.Member == "files" && e.Name == "search");
        Assert.Equal("kept by web", Assert.Single(result.Conflicts).Resolution);
    }

    [Fact]
    public void Manual_LeavesEveryCollisionUnresolved_AndShowsNoneOfItsNames()
    {
        var result = GroupNaming.Resolve(GroupConflictStrategy.Manual, [], [s_files, s_web]);

        Assert.True(result.HasUnresolved);
        Assert.DoesNotContain(result.Entries, e => e.Name == "search");
        Assert.Equal(["read", "write", "fetch"], result.Entries.Select(e => e.Shown));
    }

    [Fact]
    public void AMemberListingANameTwice_IsShownItOnce()
    {
        var result = GroupNaming.Resolve(GroupConflictStrategy.Manual, [], [new MemberOffer("dup", ["x", "x"])]);

        Assert.Equal([new NamedEntry("x", "dup", "x")], result.Entries);
        Assert.Empty(result.Conflicts);
    }
}
