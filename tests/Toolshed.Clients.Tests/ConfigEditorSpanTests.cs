using Toolshed.Clients;

namespace Toolshed.Clients.Tests;

/// <summary>The YAML and TOML editors find entries where their parsers put them, however the file spells them.</summary>
public sealed class ConfigEditorSpanTests
{
    private static readonly ConfigLocation s_codex = new(["mcp_servers"]);
    private static readonly ConfigLocation s_goose = new(["extensions"]);
    private static readonly ConfigEntry s_entry = McpClientCatalog.Find("cursor")!.EntryFor(new WorkloadEndpoint("github", 40123), StdioBridge.Default);

    [Fact]
    public void Toml_QuotedTableName_IsTheSameEntryAndIsReplacedInPlace()
    {
        const string text = "[mcp_servers.\"toolshed-github\"]\nurl = \"http://127.0.0.1:1/mcp\"\n\n[mcp_servers.other]\ncommand = \"x\"\n";
        var editor = new TomlConfigEditor();

        var edited = editor.Upsert(text, s_codex, s_entry);

        Assert.Equal(["toolshed-github", "other"], editor.EntryNames(text, s_codex));
        Assert.DoesNotContain("127.0.0.1:1/", edited, StringComparison.Ordinal);
        Assert.Equal(["toolshed-github", "other"], editor.EntryNames(edited, s_codex));
        Assert.EndsWith("[mcp_servers.other]\ncommand = \"x\"\n", edited, StringComparison.Ordinal);
    }

    [Fact]
    public void Toml_RemoveEntry_TakesItsSubTablesAndLeavesTheNextTablesComment()
    {
        const string text = "model = \"o3\"\n\n[mcp_servers.toolshed-github]\nurl = \"u\"\n\n[mcp_servers.toolshed-github.env]\nA = \"1\"\n\n# the next one\n[mcp_servers.other]\ncommand = \"x\"\n";
        var editor = new TomlConfigEditor();

        var removed = editor.Remove(text, s_codex, "toolshed-github");

        Assert.Equal("model = \"o3\"\n\n# the next one\n[mcp_servers.other]\ncommand = \"x\"\n", removed);
        Assert.Equal(["other"], editor.EntryNames(removed, s_codex));
    }

    [Fact]
    public void Yaml_ServersWrittenAsAListWhereTheClientKeepsAMap_IsRefusedWithItsLine()
    {
        var error = Assert.Throws<ConfigParseException>(() =>
            new YamlConfigEditor().Upsert("# goose\nextensions:\n- fetch:\n    cmd: uvx\n", s_goose, s_entry));

        Assert.Equal(2, error.Line);
        Assert.Contains("'extensions' is a list", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Yaml_EntriesWithCommentsAndBlockScalars_AreSpannedByTheirContent()
    {
        const string text = "extensions:\n  # first\n  fetch:\n    description: |\n      two\n      lines\n  toolshed-github:\n    uri: old\n  \"quoted name\":\n    cmd: x\nmodel: o3\n";
        var editor = new YamlConfigEditor();

        var removed = editor.Remove(text, s_goose, "toolshed-github");

        Assert.Equal(["fetch", "toolshed-github", "quoted name"], editor.EntryNames(text, s_goose));
        Assert.Equal("extensions:\n  # first\n  fetch:\n    description: |\n      two\n      lines\n  \"quoted name\":\n    cmd: x\nmodel: o3\n", removed);
    }
}
