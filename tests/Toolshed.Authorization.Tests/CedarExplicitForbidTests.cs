using Toolshed.Authorization;

namespace Toolshed.Authorization.Tests;

/// <summary>
/// <see cref="AuthorizationDecision.ForbidsActionExplicitly"/>: a list request is refused only by a forbid whose scope
/// names the list action; not being permitted, or a forbid that leaves the action open, does not count.
/// </summary>
public sealed class CedarExplicitForbidTests
{
    private const string ActionGroups = """
        [{"uid": {"type": "Action", "id": "list_tools"}, "attrs": {}, "parents": [{"type": "Action", "id": "listing"}]}]
        """;

    private static AuthorizationDecision ListTools(params string[] policies) =>
        CedarAuthorizer.FromPolicies(policies, ActionGroups).IsAuthorized(McpAuthorizationRequests.Create(McpAction.ListTools, "alice", claims: null));

    [Theory]
    [InlineData("forbid(principal, action == Action::\"list_tools\", resource);")]
    [InlineData("forbid(principal, action == Action::\"list_tools\", resource == FeatureType::\"tool\");")]
    [InlineData("forbid(principal == Client::\"alice\", action in [Action::\"call_tool\", Action::\"list_tools\"], resource);")]
    [InlineData("forbid(principal, action in Action::\"listing\", resource);")]
    public void IsAuthorized_ForbidNamingTheListAction_ForbidsItExplicitly(string forbid)
    {
        var decision = ListTools("permit(principal, action, resource);", forbid);

        Assert.False(decision.IsAllowed);
        Assert.True(decision.ForbidsActionExplicitly);
    }

    [Theory]
    [InlineData("permit(principal, action == Action::\"call_tool\", resource == Tool::\"echo\");")]
    [InlineData("forbid(principal, action, resource);")]
    [InlineData("forbid(principal, action, resource) unless { resource == Tool::\"echo\" };")]
    [InlineData("forbid(principal, action == Action::\"list_prompts\", resource);")]
    [InlineData("forbid(principal == Client::\"bob\", action == Action::\"list_tools\", resource);")]
    [InlineData("forbid(principal, action == Action::\"list_tools\", resource) when { principal.no_such_claim == 1 };")]
    public void IsAuthorized_NotPermittedOrForbiddenWithoutNamingIt_IsNotAnExplicitForbid(string policy)
    {
        var decision = ListTools(policy);

        Assert.False(decision.IsAllowed);
        Assert.False(decision.ForbidsActionExplicitly);
    }

    [Fact]
    public void IsAuthorized_ForbidNamingTheActionAndOneLeavingItOpen_BothDetermineAndTheDecisionIsExplicit()
    {
        var decision = ListTools("forbid(principal, action, resource);", "forbid(principal, action == Action::\"list_tools\", resource);");

        Assert.Equal(["policy0", "policy1"], decision.DeterminingPolicies);
        Assert.True(decision.ForbidsActionExplicitly);
    }

    [Fact]
    public void IsAuthorized_Allowed_IsNeverAnExplicitForbid()
    {
        var decision = ListTools("permit(principal, action == Action::\"list_tools\", resource);");

        Assert.True(decision.IsAllowed);
        Assert.False(decision.ForbidsActionExplicitly);
    }
}
