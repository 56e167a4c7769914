using System.Text.Json.Serialization;

namespace Toolshed.Cli.Mcp;

/// <summary>The clientInfo of an `initialize` request.</summary>
internal sealed record McpClientInfo(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("version")] string Version);
