namespace Toolshed.Authorization.Tests;

/// <summary>One action enum for the proxy and the Cedar engine: methods map to it and it maps to policy names.</summary>
public sealed class McpActionsTests
{
    [Theory]
    [InlineData("tools/call", McpAction.CallTool, "call_tool")]
    [InlineData("prompts/get", McpAction.GetPrompt, "get_prompt")]
    [InlineData("resources/read", McpAction.ReadResource, "read_resource")]
    [InlineData("tools/list", McpAction.ListTools, "list_tools")]
    [InlineData("prompts/list", McpAction.ListPrompts, "list_prompts")]
    [InlineData("resources/list", McpAction.ListResources, "list_resources")]
    public void FromMethod_AuthorizedMethod_IsItsActionWithItsPolicyName(string method, McpAction action, string policyName)
    {
        Assert.Equal(action, McpActions.FromMethod(method));
        Assert.Equal(policyName, action.ToActionName());
    }

    [Theory]
    [InlineData("initialize")]
    [InlineData("ping")]
    [InlineData("Tools/Call")]
    public void FromMethod_NotAuthorized_IsNull(string method) => Assert.Null(McpActions.FromMethod(method));

    [Fact]
    public void ItemAction_OnlyListsHaveOne()
    {
        Assert.Equal(McpAction.CallTool, McpAction.ListTools.ItemAction());
        Assert.Equal(McpAction.GetPrompt, McpAction.ListPrompts.ItemAction());
        Assert.Equal(McpAction.ReadResource, McpAction.ListResources.ItemAction());
        Assert.Null(McpAction.CallTool.ItemAction());
    }
}
