namespace Toolshed.Proxy.Telemetry;

/// <summary>
/// The names Toolshed's MCP telemetry uses, as the OpenTelemetry semantic conventions for MCP give them
/// (open-telemetry/semantic-conventions-genai, docs/gen-ai/mcp.md, v0.1.0; status Development), plus Toolshed's own,
/// all under <c>toolshed.</c>.
/// </summary>
public static class McpSemanticConventions
{
    /// <summary>The conventions' text these names follow.</summary>
    public const string Version = "semantic-conventions-genai v0.1.0 (gen-ai/mcp.md)";

    /// <summary>The ActivitySource and Meter of the proxies and group endpoints.</summary>
    public const string SourceName = "Toolshed.Mcp";

    public const string MethodName = "mcp.method.name";
    public const string ProtocolVersion = "mcp.protocol.version";
    public const string SessionId = "mcp.session.id";
    public const string ResourceUri = "mcp.resource.uri";
    public const string ToolName = "gen_ai.tool.name";
    public const string PromptName = "gen_ai.prompt.name";
    public const string OperationName = "gen_ai.operation.name";
    public const string ToolCallArguments = "gen_ai.tool.call.arguments";
    public const string ToolCallResult = "gen_ai.tool.call.result";
    public const string RequestId = "jsonrpc.request.id";
    public const string ResponseStatusCode = "rpc.response.status_code";
    public const string ErrorType = "error.type";
    public const string NetworkTransport = "network.transport";
    public const string NetworkProtocolName = "network.protocol.name";
    public const string NetworkProtocolVersion = "network.protocol.version";
    public const string ClientAddress = "client.address";
    public const string ClientPort = "client.port";
    public const string ServerAddress = "server.address";
    public const string ServerPort = "server.port";

    /// <summary>The workload an operation was for: the proxy's own, or on a group's endpoint the member it went to.</summary>
    public const string Workload = "toolshed.workload.name";

    /// <summary>The group whose endpoint the operation came through.</summary>
    public const string Group = "toolshed.group.name";

    /// <summary>allow or deny, when a policy decided the request.</summary>
    public const string Decision = "toolshed.authz.decision";

    public const string ExecuteTool = "execute_tool";
    public const string ToolError = "tool_error";
    public const string Timeout = "timeout";
    public const string Other = "_OTHER";
    public const string Pipe = "pipe";
    public const string Tcp = "tcp";

    public const string ServerOperationDuration = "mcp.server.operation.duration";
    public const string ClientOperationDuration = "mcp.client.operation.duration";
    public const string ServerSessionDuration = "mcp.server.session.duration";
    public const string Calls = "toolshed.mcp.calls";
    public const string Errors = "toolshed.mcp.errors";
    public const string Sessions = "toolshed.mcp.sessions";

    /// <summary>The bucket boundaries (seconds) the conventions give every MCP duration histogram.</summary>
    public static IReadOnlyList<double> DurationBuckets { get; } = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30, 60, 120, 300];
}
