using Toolshed.Authorization;
using Toolshed.Proxy.Authz;

namespace Toolshed.Proxy.Tests.Authz;

/// <summary>The Cedar authorizer's rule for lists (ToolHive's): a list passes unless a forbid names its action.</summary>
public sealed class CedarCallAuthorizerTests
{
    /// <summary>The policy ToolHive documents: permits on the item actions only, nothing about lists.</summary>
    private static readonly string[] s_toolHivePolicies =
    [
        "permit(principal, action == Action::\"call_tool\", resource == Tool::\"weather\");",
        "permit(principal, action == Action::\"get_prompt\", resource == Prompt::\"greeting\");",
        "permit(principal, action == Action::\"read_resource\", resource == Resource::\"data\");",
    ];

    public static TheoryData<McpAction> ListActions => [McpAction.ListTools, McpAction.ListPrompts, McpAction.ListResources];

    [Theory]
    [MemberData(nameof(ListActions))]
    public void Authorize_ListWithoutAnyListPermit_IsAllowed(McpAction list)
    {
        Assert.Equal(McpCallDecision.Allow, Decide(s_toolHivePolicies, list));
    }

    [Theory]
    [InlineData(McpAction.ListTools, "list_tools")]
    [InlineData(McpAction.ListPrompts, "list_prompts")]
    [InlineData(McpAction.ListResources, "list_resources")]
    public void Authorize_ForbidOnTheListAction_IsDenied(McpAction list, string actionName)
    {
        string[] policies = [.. s_toolHivePolicies, $"forbid(principal, action == Action::\"{actionName}\", resource);"];

        Assert.Equal(McpCallDecision.Deny, Decide(policies, list));
    }

    [Fact]
    public void Authorize_ForbidOnAnotherListAction_LeavesThisListAllowed()
    {
        string[] policies = [.. s_toolHivePolicies, "forbid(principal, action == Action::\"list_prompts\", resource);"];

        Assert.Equal(McpCallDecision.Allow, Decide(policies, McpAction.ListTools));
        Assert.Equal(McpCallDecision.Deny, Decide(policies, McpAction.ListPrompts));
    }

    [Fact]
    public void Authorize_ForbidLeavingTheActionOpen_DoesNotHideTheListButStillDeniesItems()
    {
        string[] policies = [.. s_toolHivePolicies, "forbid(principal, action, resource) unless { resource == Tool::\"weather\" };"];

        Assert.Equal(McpCallDecision.Allow, Decide(policies, McpAction.ListTools));
        Assert.Equal(McpCallDecision.Allow, Decide(policies, McpAction.CallTool, "weather"));
        Assert.Equal(McpCallDecision.Deny, Decide(policies, McpAction.GetPrompt, "greeting"));
    }

    [Fact]
    public void Authorize_ForbidOnTheListForOneCaller_HidesTheListFromThatCallerOnly()
    {
        string[] policies = [.. s_toolHivePolicies, "forbid(principal == Client::\"guest\", action == Action::\"list_tools\", resource);"];

        Assert.Equal(McpCallDecision.Deny, Decide(policies, McpAction.ListTools, subject: "guest"));
        Assert.Equal(McpCallDecision.Allow, Decide(policies, McpAction.ListTools, subject: "alice"));
    }

    [Theory]
    [InlineData(McpAction.CallTool, "weather", McpCallDecision.Allow)]
    [InlineData(McpAction.CallTool, "get-env", McpCallDecision.Deny)]
    [InlineData(McpAction.GetPrompt, "greeting", McpCallDecision.Allow)]
    [InlineData(McpAction.GetPrompt, "other", McpCallDecision.Deny)]
    [InlineData(McpAction.ReadResource, "data", McpCallDecision.Allow)]
    [InlineData(McpAction.ReadResource, "file:///etc/passwd", McpCallDecision.Deny)]
    public void Authorize_ItemActions_NeedAPermitAsBefore(McpAction action, string target, McpCallDecision expected)
    {
        Assert.Equal(expected, Decide(s_toolHivePolicies, action, target));
    }

    private static McpCallDecision Decide(string[] policies, McpAction action, string? target = null, string? subject = null) =>
        new CedarCallAuthorizer(CedarAuthorizer.FromPolicies(policies)).Authorize(new McpCallContext
        {
            WorkloadName = "test",
            Action = action,
            Method = "x",
            Subject = subject,
            Target = target,
        });
}
