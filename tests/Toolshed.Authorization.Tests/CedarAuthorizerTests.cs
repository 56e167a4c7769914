using Toolshed.Authorization;
using Toolshed.Authorization.Tests.Support;

namespace Toolshed.Authorization.Tests;

public sealed class CedarAuthorizerTests
{
    private static AuthorizationDecision Decide(params string[] policies) =>
        CedarAuthorizer.FromPolicies(policies, Requests.Entities).IsAuthorized(Requests.CallTool());

    [Fact]
    public void IsAuthorized_NoPolicyApplies_DeniesByDefault()
    {
        var decision = Decide("permit(principal == Client::\"bob\", action, resource);");

        Assert.False(decision.IsAllowed);
        Assert.Empty(decision.DeterminingPolicies);
    }

    [Fact]
    public void IsAuthorized_ForbidAndPermitApply_ForbidWins()
    {
        var decision = Decide(
            "permit(principal, action == Action::\"call_tool\", resource);",
            "forbid(principal, action, resource in ToolGroup::\"dangerous\");");

        Assert.False(decision.IsAllowed);
        Assert.Equal(["policy1"], decision.DeterminingPolicies);
    }

    [Fact]
    public void IsAuthorized_ForbidConditionErrors_ForbidIsSkipped()
    {
        var decision = Decide(
            "permit(principal, action, resource);",
            "forbid(principal, action, resource) when { principal.no_such_claim == \"x\" };");

        Assert.True(decision.IsAllowed);
        Assert.Equal(["policy0"], decision.DeterminingPolicies);
        Assert.Equal(["policy1"], decision.ErroredPolicies);
    }

    [Fact]
    public void IsAuthorized_UnlessConditionHolds_PolicyDoesNotApply()
    {
        Assert.False(Decide("permit(principal, action, resource) unless { principal.claim_role == \"admin\" };").IsAllowed);
        Assert.True(Decide("permit(principal, action, resource) unless { principal.claim_role == \"guest\" };").IsAllowed);
    }

    [Fact]
    public void IsAuthorized_ScopeConstraints_FollowHierarchyAndSets()
    {
        Assert.True(Decide("permit(principal in Group::\"all\", action in [Action::\"get_prompt\", Action::\"call_tool\"], resource == Tool::\"deploy\");").IsAllowed);
        Assert.False(Decide("permit(principal in Group::\"devs\", action, resource);").IsAllowed);
        Assert.True(Decide("permit(principal is Client in Group::\"admins\", action, resource is Tool);").IsAllowed);
    }

    [Fact]
    public void IsAuthorized_IdAnnotation_NamesThePolicy()
    {
        var decision = Decide("@id(\"admins-deploy\") @note(\"x\") permit(principal, action, resource) when { context.claim_role == \"admin\" };");

        Assert.True(decision.IsAllowed);
        Assert.Equal(["admins-deploy"], decision.DeterminingPolicies);
    }

    [Fact]
    public void IsAuthorized_SeveralPoliciesInOneText_NumbersThemInOrder()
    {
        var authorizer = CedarAuthorizer.FromPolicies([
            "// two in one\npermit(principal, action, resource);\nforbid(principal, action, resource) when { false };",
            "permit(principal, action, resource);",
        ]);

        Assert.Equal(["policy0", "policy1", "policy2"], authorizer.PolicyIds);
        Assert.Equal(["policy0", "policy2"], authorizer.IsAuthorized(Requests.CallTool()).DeterminingPolicies);
    }

    [Fact]
    public async Task IsAuthorized_ConcurrentCallers_AnswerAlike()
    {
        var authorizer = CedarAuthorizer.FromPolicies(["permit(principal, action, resource) when { principal.claim_level > 2 && resource.arg_path like \"/etc/*\" };"]);
        var request = Requests.CallTool();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(
            () => Enumerable.Range(0, 500).All(_ => authorizer.IsAuthorized(request).IsAllowed),
            TestContext.Current.CancellationToken)));

        Assert.All(results, Assert.True);
    }
}
