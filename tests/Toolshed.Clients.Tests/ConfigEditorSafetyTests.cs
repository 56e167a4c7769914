using Toolshed.Clients;
using Toolshed.Testing;

namespace Toolshed.Clients.Tests;

public sealed class ConfigEditorSafetyTests
{
    private static readonly ConfigLocation s_mcpServers = new(["mcpServers"]);

    [Fact]
    public void Upsert_JsonWithMissingComma_ThrowsWithLineAndColumn()
    {
        const string broken = "{\n  \"mcpServers\": {\n    \"a\": {}\n    \"b\": {}\n  }\n}\n";

        var error = Assert.Throws<ConfigParseException>(() => new JsoncConfigEditor().Upsert(broken, s_mcpServers, Entry()));

        Assert.Equal(4, error.Line);
        Assert.Equal(5, error.Column);
        Assert.StartsWith("/x/mcp.json:4:5: ", error.Describe("/x/mcp.json"), StringComparison.Ordinal);
    }

    [Fact]
    public void Upsert_YamlThatDoesNotParse_ThrowsWithPosition()
    {
        var error = Assert.Throws<ConfigParseException>(() =>
            new YamlConfigEditor().Upsert("extensions:\n  a: 1\n b: 2\n", new(["extensions"]), Entry()));

        Assert.True(error.Line > 0);
    }

    [Fact]
    public void Upsert_TomlThatDoesNotParse_ThrowsWithPosition()
    {
        var error = Assert.Throws<ConfigParseException>(() =>
            new TomlConfigEditor().Upsert("model = \"o3\nx = 1\n", new(["mcp_servers"]), Entry()));

        Assert.Equal(1, error.Line);
    }

    [Fact]
    public void Remove_EntryWithSameWorkloadNameNotWrittenByToolshed_LeavesItAlone()
    {
        const string text = "{\n  \"mcpServers\": {\n    \"github\": {\n      \"url\": \"https://example.com\"\n    }\n  }\n}\n";

        Assert.Equal(text, new JsoncConfigEditor().Remove(text, s_mcpServers, ConfigEntry.NameFor("github")));
    }

    [Fact]
    public void Upsert_ExistingEntryWithOtherPort_ReplacesOnlyItsValue()
    {
        var editor = new JsoncConfigEditor();
        var first = editor.Upsert("{\"mcpServers\": {\"a\": 1}}", s_mcpServers, Entry(port: 1000));

        var second = editor.Upsert(first, s_mcpServers, Entry(port: 2000));

        Assert.Equal(first.Replace("1000", "2000", StringComparison.Ordinal), second);
        Assert.Equal(["a", "toolshed-github"], editor.EntryNames(second, s_mcpServers));
    }

    [Fact]
    public async Task EditAsync_TwoWorkloadsAddedAtOnce_BothLandInTheFile()
    {
        using var home = new TemporaryDirectory("toolshed-clients");
        var path = home.Combine(".cursor", "mcp.json");
        var client = McpClientCatalog.Find("cursor")!;
        var editor = client.Editor;
        var starts = Enumerable.Range(0, 8).Select(i => Task.Run(() => ClientConfigFile.EditAsync(
            path,
            text => editor.Upsert(text, client.Location, client.EntryFor(new WorkloadEndpoint($"w{i}", 41000 + i), StdioBridge.Default)),
            TestContext.Current.CancellationToken)));

        await Task.WhenAll(starts);

        var names = editor.EntryNames(await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken), client.Location);
        Assert.Equal(Enumerable.Range(0, 8).Select(i => $"toolshed-w{i}").Order(), names.Order());
    }

    private static ConfigEntry Entry(int port = 40123) =>
        McpClientCatalog.Find("cursor")!.EntryFor(new WorkloadEndpoint("github", port), StdioBridge.Default);
}
