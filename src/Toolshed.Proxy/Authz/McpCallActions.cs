namespace Toolshed.Proxy.Authz;

/// <summary>Maps MCP methods to <see cref="McpCallAction"/>s and actions to their policy names.</summary>
public static class McpCallActions
{
    /// <summary>call_tool, get_prompt, read_resource, list_tools, list_prompts, list_resources.</summary>
    public static string ToActionName(this McpCallAction action) => action switch
    {
        McpCallAction.CallTool => "call_tool",
        McpCallAction.GetPrompt => "get_prompt",
        McpCallAction.ReadResource => "read_resource",
        McpCallAction.ListTools => "list_tools",
        McpCallAction.ListPrompts => "list_prompts",
        McpCallAction.ListResources => "list_resources",
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };

    /// <summary>The action an MCP method performs, or null for methods that are not authorized (initialize, ping, …).</summary>
    public static McpCallAction? FromMethod(string method) => method switch
    {
        "tools/call" => McpCallAction.CallTool,
        "prompts/get" => McpCallAction.GetPrompt,
        "resources/read" => McpCallAction.ReadResource,
        "tools/list" => McpCallAction.ListTools,
        "prompts/list" => McpCallAction.ListPrompts,
        "resources/list" => McpCallAction.ListResources,
        _ => null,
    };

    /// <summary>For a list action, the call action each listed item is checked with.</summary>
    internal static McpCallAction? ItemAction(this McpCallAction action) => action switch
    {
        McpCallAction.ListTools => McpCallAction.CallTool,
        McpCallAction.ListPrompts => McpCallAction.GetPrompt,
        McpCallAction.ListResources => McpCallAction.ReadResource,
        _ => null,
    };
}
