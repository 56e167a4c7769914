namespace Toolshed.Authorization;

/// <summary>The MCP operations policies decide on; each is the Cedar action <c>Action::"call_tool"</c> and so on.</summary>
public enum McpAction
{
    CallTool,
    GetPrompt,
    ReadResource,
    ListTools,
    ListPrompts,
    ListResources,
}
