using System.Text.Json.Serialization;

namespace Toolshed.Cli.Mcp;

/// <summary>The params of `initialize`: a protocol version, no capabilities, and who is asking.</summary>
internal sealed record McpInitializeParams(
    [property: JsonPropertyName("protocolVersion")] string ProtocolVersion,
    [property: JsonPropertyName("capabilities")] IReadOnlyDictionary<string, string> Capabilities,
    [property: JsonPropertyName("clientInfo")] McpClientInfo ClientInfo);
