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

    public static TheoryData<McpCallAction> ListActions => [McpCallAction.ListTools, McpCallAction.ListPrompts, McpCallAction.ListResources];

    [Theory]
    [MemberData(nameof(ListActions))]
    public void Authorize_ListWithoutAnyListPermit_IsAllowed(McpCallAction list)
    {
        Assert.Equal(McpCallDecision.Allow, Decide(s_toolHivePolicies, list));
    }

    [Theory]
    [InlineData(McpCallAction.ListTools, "list_tools")]
    [InlineData(McpCallAction.ListPrompts, "list_prompts")]
    [InlineData(McpCallAction.ListResources, "list_resources")]
    public void Authorize_ForbidOnTheListAction_IsDenied(McpCallAction list, string actionName)
    {
        string[] policies = [.. s_toolHivePolicies, $"forbid(principal, action == Action::\"{actionName}\", resource);"];

        Assert.Equal(McpCallDecision.Deny, Decide(policies, list));
    }

    [Fact]
    public void Authorize_ForbidOnAnotherListAction_LeavesThisListAllowed()
    {
        string[] policies = [.. s_toolHivePolicies, "forbid(principal, action == Action::\"list_prompts\", resource);"];

        Assert.Equal(McpCallDecision.Allow, Decide(policies, McpCallAction.ListTools));
        Assert.Equal(McpCallDecision.Deny, Decide(policies, McpCallAction.ListPrompts));
    }

    [Fact]
    public void Authorize_ForbidLeavingTheActionOpen_DoesNotHideTheListButStillDeniesItems()
    {
        string[] policies = [.. s_toolHivePolicies, "forbid(principal, action, resource) unless { resource == Tool::\"weather\" };"];

        Assert.Equal(McpCallDecision.Allow, Decide(policies, McpCallAction.ListTools));
        Assert.Equal(McpCallDecision.Allow, Decide(policies, McpCallAction.CallTool, "weather"));
        Assert.Equal(McpCallDecision.Deny, Decide(policies, McpCallAction.GetPrompt, "greeting"));
    }

    [Fact]
    public void Authorize_ForbidOnTheListForOneCaller_HidesTheListFromThatCallerOnly()
    {
        string[] policies = [.. s_toolHivePolicies, "forbid(principal == Client::\"guest\", action == Action::\"list_tools\", resource);"];

        Assert.Equal(McpCallDecision.Deny, Decide(policies, McpCallAction.ListTools, subject: "guest"));
        Assert.Equal(McpCallDecision.Allow, Decide(policies, McpCallAction.ListTools, subject: "alice"));
    }

    [Theory]
    [InlineData(McpCallAction.CallTool, "weather", McpCallDecision.Allow)]
    [InlineData(McpCallAction.CallTool, "get-env", McpCallDecision.Deny)]
    [InlineData(McpCallAction.GetPrompt, "greeting", McpCallDecision.Allow)]
    [InlineData(McpCallAction.GetPrompt, "other", McpCallDecision.Deny)]
    [InlineData(McpCallAction.ReadResource, "data", McpCallDecision.Allow)]
    [InlineData(McpCallAction.ReadResource, "file:///etc/passwd", McpCallDecision.Deny)]
    public void Authorize_ItemActions_NeedAPermitAsBefore(McpCallAction action, string target, McpCallDecision expected)
    {
        Assert.Equal(expected, Decide(s_toolHivePolicies, action, target));
    }

    private static McpCallDecision Decide(string[] policies, McpCallAction action, string? target = null, string? subject = null) =>
        new CedarCallAuthorizer(CedarAuthorizer.FromPolicies(policies)).Authorize(new McpCallContext
        {
            WorkloadName = "test",
            Action = action,
            Method = "x",
            Subject = subject,
            Target = target,
        });
}
