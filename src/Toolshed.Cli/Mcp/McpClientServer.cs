using System.Text.Json.Serialization;

namespace Toolshed.Cli.Mcp;

/// <summary>One server in an MCP client's configuration.</summary>
public sealed record McpClientServer([property: JsonPropertyName("url")] string Url);
