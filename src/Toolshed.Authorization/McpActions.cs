namespace Toolshed.Authorization;

/// <summary>Where an <see cref="McpAction"/> comes from (the MCP method) and what policies call it.</summary>
public static class McpActions
{
    /// <summary>The Cedar action id, as policies name it: <c>call_tool</c>, <c>get_prompt</c>, <c>read_resource</c>, <c>list_tools</c>…</summary>
    public static string ToActionName(this McpAction action) => action switch
    {
        McpAction.CallTool => "call_tool",
        McpAction.GetPrompt => "get_prompt",
        McpAction.ReadResource => "read_resource",
        McpAction.ListTools => "list_tools",
        McpAction.ListPrompts => "list_prompts",
        McpAction.ListResources => "list_resources",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };

    /// <summary>The action an MCP method performs, or null for methods that are not authorized (initialize, ping, …).</summary>
    public static McpAction? FromMethod(string method) => method switch
    {
        "tools/call" => McpAction.CallTool,
        "prompts/get" => McpAction.GetPrompt,
        "resources/read" => McpAction.ReadResource,
        "tools/list" => McpAction.ListTools,
        "prompts/list" => McpAction.ListPrompts,
        "resources/list" => McpAction.ListResources,
        _ => null,
    };

    /// <summary>For a list action, the action each listed item is checked with; null for the others.</summary>
    public static McpAction? ItemAction(this McpAction action) => action switch
    {
        McpAction.ListTools => McpAction.CallTool,
        McpAction.ListPrompts => McpAction.GetPrompt,
        McpAction.ListResources => McpAction.ReadResource,
        _ => null,
    };
}
