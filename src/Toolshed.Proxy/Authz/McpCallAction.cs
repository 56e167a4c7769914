namespace Toolshed.Proxy.Authz;

/// <summary>The MCP actions that are authorized, named as ToolHive's Cedar policies name them (see <see cref="McpCallActions.ToActionName"/>).</summary>
public enum McpCallAction
{
    CallTool,
    GetPrompt,
    ReadResource,
    ListTools,
    ListPrompts,
    ListResources,
}
