using System.Text.Json.Serialization;

namespace Toolshed.Cli.Mcp;

/// <summary>The JSON-RPC `initialize` request `shed run` sends to check that a new workload answers MCP.</summary>
internal sealed record McpInitializeRequest(
    [property: JsonPropertyName("jsonrpc")] string JsonRpc,
    [property: JsonPropertyName("id")] int Id,
    [property: JsonPropertyName("method")] string Method,
    [property: JsonPropertyName("params")] McpInitializeParams Params);
