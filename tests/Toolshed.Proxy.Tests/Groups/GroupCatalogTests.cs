using System.Text.Json.Nodes;
using Toolshed.Core.Groups;
using Toolshed.Proxy.Groups;

namespace Toolshed.Proxy.Tests.Groups;

public sealed class GroupCatalogTests
{
    // "c" and "b_c" collide with z's; prefixed, a_b's "c" and a's "b_c" both become "a_b_c".
    private static readonly (string, JsonArray?, string?)[] s_doubleCollision =
    [
        ("a_b", Tools("c"), null),
        ("a", Tools("b_c"), null),
        ("z", Tools("c", "b_c"), null),
    ];

    [Fact]
    public void Prefix_AnUnresolvedCollision_HidesOnlyItsEntries_AndTheListStillServes()
    {
        var catalog = GroupCatalog.Build(CatalogKind.Tools, GroupConflictStrategy.Prefix, [], s_doubleCollision);

        Assert.False(catalog.IsRefused);
        Assert.Equal(["z_c", "z_b_c"], Names(catalog));
        Assert.Contains(catalog.Conflicts, c => c.IsUnresolved);
    }

    [Fact]
    public void Manual_AnUnresolvedCollision_RefusesTheList()
    {
        var catalog = GroupCatalog.Build(CatalogKind.Tools, GroupConflictStrategy.Manual, [], s_doubleCollision);

        Assert.True(catalog.IsRefused);
    }

    [Fact]
    public void AMemberListingNonsense_IsSkipped_NotFatal()
    {
        JsonArray junk = [1, "two", new JsonArray(), new JsonObject { ["name"] = 3 }, new JsonObject { ["name"] = "ok" }];

        var catalog = GroupCatalog.Build(CatalogKind.Tools, GroupConflictStrategy.Prefix, [], [("m", junk, null)]);

        Assert.Equal(["ok"], Names(catalog));
    }

    [Fact]
    public void Resources_KeepTheirUris_TheFirstMemberServesADuplicate_AndTemplatesRouteByPrefix()
    {
        JsonArray first = [new JsonObject { ["uri"] = "file:///a" }];
        JsonArray second = [new JsonObject { ["uri"] = "file:///a" }, new JsonObject { ["uri"] = "mem://x" }];
        var resources = GroupCatalog.Build(CatalogKind.Resources, GroupConflictStrategy.Prefix, [], [("one", first, null), ("two", second, null)]);
        JsonArray templates = [new JsonObject { ["uriTemplate"] = "repo://{owner}/{name}" }, new JsonObject { ["uriTemplate"] = "repo://acme/{name}" }];
        var templated = GroupCatalog.Build(
            CatalogKind.ResourceTemplates, GroupConflictStrategy.Prefix, [], [("any", Slice(templates, 0), null), ("acme", Slice(templates, 1), null)]);

        Assert.Equal("one", resources.Find("file:///a")!.Member);
        Assert.Equal("two", resources.Find("mem://x")!.Member);
        Assert.Equal("acme", templated.FindTemplateMember("repo://acme/tools"));
        Assert.Equal("any", templated.FindTemplateMember("repo://other/tools"));
        Assert.Null(templated.FindTemplateMember("file:///elsewhere"));
    }

    private static JsonArray Tools(params string[] names) => [.. names.Select(n => (JsonNode)new JsonObject { ["name"] = n })];

    private static JsonArray Slice(JsonArray items, int index) => [items[index]!.DeepClone()];

    private static List<string> Names(GroupCatalog catalog) => [.. catalog.Items.Select(i => i!["name"]!.GetValue<string>())];
}
