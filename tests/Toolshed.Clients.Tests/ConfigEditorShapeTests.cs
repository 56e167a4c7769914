using System.Text.Json;
using Toolshed.Clients;

namespace Toolshed.Clients.Tests;

/// <summary>Unusual but valid files: every edit must still parse, and removing our entry leaves none of ours.</summary>
public sealed class ConfigEditorShapeTests
{
    private static readonly ConfigLocation s_mcpServers = new(["mcpServers"]);
    private static readonly ConfigEntry s_entry = McpClientCatalog.Find("cursor")!.EntryFor(new WorkloadEndpoint("github", 40123), StdioBridge.Default);

    [Theory]
    [InlineData("{\"mcpServers\":{\"a\":{\"url\":\"x\"}}}")]
    [InlineData("{}")]
    [InlineData("")]
    [InlineData("// only a comment\n")]
    [InlineData("{\n  \"mcpServers\": {\n    // nothing yet\n  }\n}\n")]
    [InlineData("{\r\n\t\"mcpServers\": {\r\n\t\t\"a\": 1\r\n\t}\r\n}\r\n")]
    [InlineData("{ \"mcpServers\": { \"a\": 1, /* keep */ \"b\": [1, 2], } }")]
    public void UpsertThenRemove_OddJsonShapes_StayValidAndKeepOtherEntries(string text)
    {
        var editor = new JsoncConfigEditor();

        var added = editor.Upsert(text, s_mcpServers, s_entry);
        var removed = editor.Remove(added, s_mcpServers, s_entry.Name);

        AssertParses(added);
        AssertParses(removed);
        var before = text.Trim().Length == 0 || text.TrimStart().StartsWith("//", StringComparison.Ordinal) ? [] : editor.EntryNames(text, s_mcpServers);
        Assert.Equal([.. before, s_entry.Name], editor.EntryNames(added, s_mcpServers));
        Assert.Equal(before, editor.EntryNames(removed, s_mcpServers));
    }

    [Fact]
    public void Upsert_GooseWithEmptyFlowExtensions_WritesBlockStyle()
    {
        var goose = McpClientCatalog.Find("goose")!;

        var added = goose.Editor.Upsert("GOOSE_MODEL: x\nextensions: {}\n", goose.Location, goose.EntryFor(new("github", 40123), StdioBridge.Default));

        Assert.Equal(
            "GOOSE_MODEL: x\nextensions:\n  toolshed-github:\n    enabled: true\n    name: toolshed-github\n    type: streamable_http\n    uri: http://127.0.0.1:40123/mcp\n    timeout: 300\n",
            added);
    }

    [Fact]
    public void Upsert_ContinueWithoutMcpServers_AppendsTheList()
    {
        var client = McpClientCatalog.Find("continue")!;

        var added = client.Editor.Upsert("name: Assistant\nversion: 1.0.0", client.Location, client.EntryFor(new("github", 40123), StdioBridge.Default));

        Assert.Equal("name: Assistant\nversion: 1.0.0\nmcpServers:\n  - name: toolshed-github\n    type: streamable-http\n    url: http://127.0.0.1:40123/mcp\n", added);
        Assert.Equal(["toolshed-github"], client.Editor.EntryNames(added, client.Location));
    }

    [Fact]
    public void Upsert_YamlFlowStyleServers_RefusesWithPosition()
    {
        var client = McpClientCatalog.Find("goose")!;

        var error = Assert.Throws<ConfigParseException>(() =>
            client.Editor.Upsert("extensions: {fetch: {cmd: uvx}}\n", client.Location, client.EntryFor(new("github", 1), StdioBridge.Default)));

        Assert.Equal(1, error.Line);
    }

    [Fact]
    public void Upsert_CodexWithInlineServersTable_RefusesInsteadOfBreakingTheFile()
    {
        var client = McpClientCatalog.Find("codex")!;

        Assert.Throws<ConfigParseException>(() =>
            client.Editor.Upsert("mcp_servers = { a = { url = \"x\" } }\n", client.Location, client.EntryFor(new("github", 1), StdioBridge.Default)));
    }

    private static void AssertParses(string text)
    {
        if (text.Trim().Length == 0)
        {
            return;
        }

        using var document = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
    }
}
