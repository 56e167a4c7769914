using Toolshed.Authorization;
using Toolshed.Core.Errors;

namespace Toolshed.Authorization.Tests;

public sealed class CedarParserTests
{
    private static InvalidInputException ParseError(params string[] policies) =>
        Assert.Throws<InvalidInputException>(() => CedarAuthorizer.FromPolicies(policies));

    [Theory]
    [InlineData("permit(principal, action, resource)", "line 1, column 36", "expected ';'")]
    [InlineData("permit(principal,\n  action,\n  resource) when { principal.x == };", "line 3, column 35", "expected an expression")]
    [InlineData("allow(principal, action, resource);", "line 1, column 1", "expected 'permit' or 'forbid'")]
    [InlineData("permit(principal, action, resource) when { \"abc };", "line 1, column 44", "unterminated string")]
    [InlineData("permit(principal, action, resource) when { 9223372036854775808 > 1 };", "line 1, column 44", "out of range")]
    [InlineData("permit(principal, action, resource) when { {a: 1, a: 2} == {} };", "line 1, column 51", "duplicate record field")]
    [InlineData("permit(principal, action, resource) when { ip(\"1.2.3.4\") == 1 };", "line 1, column 44", "extension function 'ip' is not supported")]
    [InlineData("permit(principal, action, resource) when { user.x };", "line 1, column 44", "unknown variable 'user'")]
    [InlineData("permit(principal, action, resource) when { };", "line 1, column 44", "expected an expression")]
    [InlineData("permit(principal, action, resource) when { \"a\\q\" == \"\" };", "line 1, column 44", "invalid escape")]
    [InlineData("permit(principal, action, resource) when { [1].first() };", "line 1, column 48", "method 'first' is not supported")]
    [InlineData("permit(principal == ?principal, action, resource);", "line 1, column 21", "unexpected character '?'")]
    public void FromPolicies_InvalidPolicy_ThrowsWithPosition(string policy, string position, string reason)
    {
        var error = ParseError(policy);

        Assert.Contains(position, error.Message);
        Assert.Contains(reason, error.Message);
        Assert.Equal("authz_config", error.Field);
    }

    [Fact]
    public void FromPolicies_SecondPolicyInvalid_NamesWhichPolicy()
    {
        var error = ParseError("permit(principal, action, resource);", "forbid(principal, action, resource) when { 1 < };");

        Assert.Contains("cedar.policies[1]", error.Message);
        Assert.Contains("line 1, column 48", error.Message);
    }

    [Fact]
    public void FromPolicies_DuplicateIdAnnotation_Throws()
    {
        var error = ParseError("@id(\"a\") permit(principal, action, resource);", "@id(\"a\") forbid(principal, action, resource);");

        Assert.Contains("duplicate policy id \"a\"", error.Message);
    }

    [Fact]
    public void FromPolicies_CommentsEscapesAndNamespaces_Parse()
    {
        var authorizer = CedarAuthorizer.FromPolicies([
            """
            // comment before
            permit(
              principal == Client::"a\"lice", // trailing comment
              action in [Action::"call_tool", Action::"get_prompt"],
              resource in Acme::Tools::Group::"all"
            ) when { "\u{48}\t" == "H\t" && -(-3) == 3 && !!true };
            """,
        ]);

        Assert.Equal(["policy0"], authorizer.PolicyIds);
    }
}
