using Toolshed.Testing;

namespace Toolshed.EndToEnd.Tests.Cli;

/// <summary>`shed registry info` through ./shed and a real daemon: a server found by its name across registries.</summary>
public sealed class RegistryInfoCliTests : IDisposable
{
    private readonly TemporaryDirectory _home = new("toolshed-registry-info");
    private readonly ShedScript _shed;

    public RegistryInfoCliTests()
    {
        _shed = new ShedScript(_home.Path, DaemonProcess.FreePort());
    }

    public void Dispose()
    {
        _shed.KillDaemon();
        _home.Dispose();
    }

    [Fact]
    public async Task RegistryInfo_ByServerName_FindsItAcrossRegistriesAndListsAmbiguousOnes()
    {
        var file = _home.Combine("team.json");
        await File.WriteAllTextAsync(file, $$"""
            {"version":"1","last_updated":"2026-01-01T00:00:00Z","servers":{
              "notes":{"name":"notes","description":"Team notes","image":"{{TestImages.CSharpServer}}","transport":"stdio","tools":["echo"] },
              "fetch":{"name":"fetch","description":"The team's own fetch","image":"{{TestImages.CSharpServer}}","transport":"stdio"} } }
            """, TestContext.Current.CancellationToken);
        var add = await _shed.RunAsync("registry", "add", "team", file);
        Assert.True(add.ExitCode == 0, add.ToString());

        var notes = await _shed.RunAsync("registry", "info", "notes");
        var ambiguous = await _shed.RunAsync("registry", "info", "fetch");
        var qualified = await _shed.RunAsync("registry", "info", "team/fetch");
        var builtIn = await _shed.RunAsync("registry", "info", "default/fetch");
        var registry = await _shed.RunAsync("registry", "info", "team");
        var typo = await _shed.RunAsync("registry", "info", "ntoes");

        Assert.True(notes.ExitCode == 0, notes.ToString());
        Assert.Contains("Registry:    team", notes.Stdout, StringComparison.Ordinal);
        Assert.Contains("Run it:      shed run team/notes", notes.Stdout, StringComparison.Ordinal);
        Assert.True(ambiguous.ExitCode == 1, ambiguous.ToString());
        Assert.Contains("default/fetch, team/fetch", ambiguous.Stderr, StringComparison.Ordinal);
        Assert.Contains("The team's own fetch", qualified.Stdout, StringComparison.Ordinal);
        Assert.True(builtIn.ExitCode == 0, builtIn.ToString());
        Assert.Contains("Run it:      shed run fetch", builtIn.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^notes\s+stdio\s+Team notes", registry.Stdout);
        Assert.True(typo.ExitCode == 1, typo.ToString());
        Assert.Contains("Did you mean notes?", typo.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_NoMatch_HintNamesAVerbThatWorks()
    {
        var search = await _shed.RunAsync("search", "zzzz-nothing");
        var hinted = await _shed.RunAsync("registry", "info", "default");

        Assert.True(search.ExitCode == 0, search.ToString());
        Assert.Contains("`shed registry info default`", search.Stdout, StringComparison.Ordinal);
        Assert.True(hinted.ExitCode == 0, hinted.ToString());
        Assert.Contains("Registry:     default", hinted.Stdout, StringComparison.Ordinal);
    }
}
