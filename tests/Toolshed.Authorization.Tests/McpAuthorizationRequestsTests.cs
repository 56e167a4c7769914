using Toolshed.Authorization;
using Toolshed.Authorization.Tests.Support;

namespace Toolshed.Authorization.Tests;

public sealed class McpAuthorizationRequestsTests
{
    [Fact]
    public void Create_CallTool_MapsClaimsAndArgumentsToAttributesAndContext()
    {
        var request = McpAuthorizationRequests.Create(
            McpAction.CallTool,
            "user-1",
            Requests.Json("""{"sub": "user-1", "groups": ["a", "a", "b"], "age": 42, "admin": true, "score": 1.5, "org": {"id": 7}, "gone": null}"""),
            "weather",
            Requests.Json("""{"city": "Oslo", "days": 3}"""));

        Assert.Equal(new EntityUid("Client", "user-1"), request.Principal);
        Assert.Equal(new EntityUid("Action", "call_tool"), request.Action);
        Assert.Equal(new EntityUid("Tool", "weather"), request.Resource);
        Assert.Equal(CedarValue.Set([CedarValue.Of("b"), CedarValue.Of("a")]), request.PrincipalAttributes["claim_groups"]);
        Assert.Equal(CedarValue.Of(42), request.PrincipalAttributes["claim_age"]);
        Assert.Equal(CedarValue.True, request.PrincipalAttributes["claim_admin"]);
        Assert.Equal(CedarValue.Of("1.5"), request.PrincipalAttributes["claim_score"]);
        Assert.Equal(CedarValue.Record([new("id", CedarValue.Of(7))]), request.PrincipalAttributes["claim_org"]);
        Assert.False(request.PrincipalAttributes.ContainsKey("claim_gone"));
        Assert.Equal(CedarValue.Of("Oslo"), request.ResourceAttributes["arg_city"]);
        var context = request.Context.AsRecord;
        Assert.Equal(CedarValue.Of(3), context["arg_days"]);
        Assert.Equal(CedarValue.Of("user-1"), context["claim_sub"]);
    }

    [Theory]
    [InlineData(McpAction.GetPrompt, "greet", "get_prompt", "Prompt", "greet")]
    [InlineData(McpAction.ReadResource, "file:///a.txt", "read_resource", "Resource", "file:///a.txt")]
    [InlineData(McpAction.ListTools, null, "list_tools", "FeatureType", "tool")]
    [InlineData(McpAction.ListPrompts, null, "list_prompts", "FeatureType", "prompt")]
    [InlineData(McpAction.ListResources, null, "list_resources", "FeatureType", "resource")]
    public void Create_EachAction_UsesToolHiveNames(McpAction action, string? name, string actionId, string type, string id)
    {
        var request = McpAuthorizationRequests.Create(action, "s", claims: null, name);

        Assert.Equal(new EntityUid("Action", actionId), request.Action);
        Assert.Equal(new EntityUid(type, id), request.Resource);
        Assert.Empty(request.Context.AsRecord);
    }

    [Fact]
    public void Create_ClaimAndArgumentRules_DecideAsWritten()
    {
        var authorizer = CedarAuthorizer.FromPolicies([
            "permit(principal, action == Action::\"call_tool\", resource == Tool::\"weather\") when { principal.claim_groups.contains(\"ops\") };",
            "forbid(principal, action, resource) when { resource has arg_days && resource.arg_days > 7 };",
        ]);
        AuthorizationRequest Call(string groups, int days) => McpAuthorizationRequests.Create(
            McpAction.CallTool, "u", Requests.Json($$"""{"groups": {{groups}}}"""), "weather", Requests.Json($$"""{"days": {{days}}}"""));

        Assert.True(authorizer.IsAuthorized(Call("[\"ops\"]", 3)).IsAllowed);
        Assert.False(authorizer.IsAuthorized(Call("[\"dev\"]", 3)).IsAllowed);
        Assert.False(authorizer.IsAuthorized(Call("[\"ops\"]", 9)).IsAllowed);
    }

    [Fact]
    public void Create_CallToolWithoutName_Throws()
    {
        Assert.Throws<ArgumentException>(() => McpAuthorizationRequests.Create(McpAction.CallTool, "s", null));
    }
}
