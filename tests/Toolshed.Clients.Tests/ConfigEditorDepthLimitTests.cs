using Toolshed.Clients;

namespace Toolshed.Clients.Tests;

/// <summary>The client config editors refuse a file nested 100,000 deep with a parse error, not a stack overflow
/// (which would kill the test host).</summary>
public sealed class ConfigEditorDepthLimitTests
{
    private const int Deep = 100_000;

    [Fact]
    public void Jsonc_NestedHundredThousandDeep_IsAParseError()
    {
        var text = $"{{\"x\": {new string('[', Deep)}{new string(']', Deep)}}}";

        var error = Assert.Throws<ConfigParseException>(() => new JsoncConfigEditor().Upsert(text, new(["mcpServers"]), Entry()));

        Assert.Contains("deeper than 64", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Toml_NestedHundredThousandDeep_IsAParseError()
    {
        var text = $"x = {new string('[', Deep)}{new string(']', Deep)}\n";

        Assert.Throws<ConfigParseException>(() => new TomlConfigEditor().Upsert(text, new(["mcp_servers"]), Entry()));
    }

    [Fact]
    public void Yaml_NestedHundredThousandDeep_IsAParseError()
    {
        var text = $"x: {new string('[', Deep)}{new string(']', Deep)}\n";

        var error = Assert.Throws<ConfigParseException>(() => new YamlConfigEditor().Upsert(text, new(["extensions"]), Entry()));

        Assert.Contains("deeper than 64", error.Message, StringComparison.Ordinal);
    }

    private static ConfigEntry Entry() =>
        McpClientCatalog.Find("cursor")!.EntryFor(new WorkloadEndpoint("github", 40123), StdioBridge.Default);
}
