using System.Text.Json.Serialization;

namespace Toolshed.Cli.Mcp;

/// <summary>The snippet an MCP client's configuration takes: <c>{"mcpServers":{"name":{"url":"…"}}}</c>.</summary>
public sealed record McpClientConfig(
    [property: JsonPropertyName("mcpServers")] IReadOnlyDictionary<string, McpClientServer> McpServers)
{
    public static McpClientConfig For(string name, string url) => new(new Dictionary<string, McpClientServer> { [name] = new(url) });
}
