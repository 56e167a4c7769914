using Toolshed.Cli.Registry;

namespace Toolshed.Cli.Tests.Registry;

public sealed class RegistryLookupTests
{
    private static readonly IReadOnlyList<RegistryListing> s_registries =
    [
        new("default", [Server("fetch"), Server("github"), Server("team")]),
        new("team", [Server("github"), Server("notes")]),
        new("broken", [], "The registry 'broken' could not be loaded from /gone.json: missing."),
    ];

    [Fact]
    public void Resolve_ServerInOneRegistry_FindsIt()
    {
        var found = RegistryLookup.Resolve("notes", s_registries);

        Assert.Equal(RegistryLookupKind.Server, found.Kind);
        Assert.Equal("team", found.Registry);
        Assert.Equal("notes", found.Server!.Name);
    }

    [Fact]
    public void Resolve_ServerInTwoRegistries_IsAmbiguousListingBoth()
    {
        var found = RegistryLookup.Resolve("github", s_registries);

        Assert.Equal(RegistryLookupKind.Ambiguous, found.Kind);
        Assert.Equal(["default/github", "team/github"], found.Candidates);
    }

    [Fact]
    public void Resolve_RegistrySlashServer_PicksThatRegistry()
    {
        var found = RegistryLookup.Resolve("team/github", s_registries);

        Assert.Equal(RegistryLookupKind.Server, found.Kind);
        Assert.Equal("team", found.Registry);
    }

    [Fact]
    public void Resolve_NameOfRegistryAndServer_RegistryWinsAndNamesTheServer()
    {
        var found = RegistryLookup.Resolve("team", s_registries);

        Assert.Equal(RegistryLookupKind.Registry, found.Kind);
        Assert.Equal("team", found.Registry);
        Assert.Equal(["default/team"], found.Candidates);
    }

    [Fact]
    public void Resolve_OtherCase_MatchesServerAndRegistry()
    {
        Assert.Equal("fetch", RegistryLookup.Resolve("FETCH", s_registries).Server!.Name);
        Assert.Equal(RegistryLookupKind.Registry, RegistryLookup.Resolve("Default", s_registries).Kind);
    }

    [Fact]
    public void Resolve_Typo_SuggestsCloseNames()
    {
        var found = RegistryLookup.Resolve("fecth", s_registries);

        Assert.Equal(RegistryLookupKind.NotFound, found.Kind);
        Assert.Equal(["fetch"], found.Suggestions);
    }

    [Fact]
    public void Resolve_UnknownServerOfKnownRegistry_SuggestsWithinIt()
    {
        var found = RegistryLookup.Resolve("team/note", s_registries);

        Assert.Equal(RegistryLookupKind.NotFound, found.Kind);
        Assert.Equal("team", found.Registry);
        Assert.Equal(["team/notes"], found.Suggestions);
    }

    [Fact]
    public void Resolve_MistypedRegistryPart_SuggestsTheFullReference()
    {
        var found = RegistryLookup.Resolve("defualt/fetch", s_registries);

        Assert.Equal(RegistryLookupKind.NotFound, found.Kind);
        Assert.Null(found.Registry);
        Assert.Equal(["default/fetch"], found.Suggestions);
    }

    [Fact]
    public void Resolve_ServerOfUnreadableRegistry_ReportsItsProblem()
    {
        var found = RegistryLookup.Resolve("broken/x", s_registries);

        Assert.Equal(RegistryLookupKind.NotFound, found.Kind);
        Assert.Contains("could not be loaded", found.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_NothingClose_NoSuggestions()
    {
        var found = RegistryLookup.Resolve("kubernetes-operator", s_registries);

        Assert.Equal(RegistryLookupKind.NotFound, found.Kind);
        Assert.Empty(found.Suggestions);
    }

    private static RegistryServerView Server(string name) => new() { Name = name, Transport = "stdio" };
}
