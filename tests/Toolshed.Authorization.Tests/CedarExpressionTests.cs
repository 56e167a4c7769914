using Toolshed.Authorization.Tests.Support;

namespace Toolshed.Authorization.Tests;

public sealed class CedarExpressionTests
{
    [Theory]
    // Equality: across types it is false, never an error; sets and records compare by content.
    [InlineData("principal.claim_role == \"admin\"", "true")]
    [InlineData("principal.claim_role != \"admin\"", "false")]
    [InlineData("principal.claim_role == 1", "false")]
    [InlineData("[1, 2, 2] == [2, 1]", "true")]
    [InlineData("{a: 1, \"b\": \"x\"} == {b: \"x\", a: 1}", "true")]
    [InlineData("principal == Client::\"alice\"", "true")]
    [InlineData("Ns::Team::\"x\" == Ns::Team::\"x\"", "true")]
    // Long comparisons; other types are an error.
    [InlineData("principal.claim_level < 4", "true")]
    [InlineData("principal.claim_level <= 3", "true")]
    [InlineData("principal.claim_level > 3", "false")]
    [InlineData("principal.claim_level >= 3", "true")]
    [InlineData("principal.claim_role < 3", "error")]
    [InlineData("-9223372036854775808 < 0", "true")]
    [InlineData("9223372036854775807 + 1 > 0", "error")]
    [InlineData("2 * 3 - 1 == 5", "true")]
    // Boolean operators short-circuit, so the right side's error does not happen.
    [InlineData("false && principal.missing", "false")]
    [InlineData("true || principal.missing", "true")]
    [InlineData("true && principal.missing", "error")]
    [InlineData("!(principal.claim_level == 3)", "false")]
    [InlineData("!1", "error")]
    [InlineData("1 && true", "error")]
    // has, on entities, records and context; attribute access both ways.
    [InlineData("principal has claim_role", "true")]
    [InlineData("principal has missing", "false")]
    [InlineData("context has arg_path", "true")]
    [InlineData("context has \"claim_level\"", "true")]
    [InlineData("context.claim_org has size", "true")]
    [InlineData("Client::\"nobody\" has x", "false")]
    [InlineData("principal.team == \"core\"", "true")]
    [InlineData("principal[\"claim_role\"] == \"admin\"", "true")]
    [InlineData("context.claim_org.size == 5", "true")]
    [InlineData("principal.missing == 1", "error")]
    [InlineData("\"s\".x == 1", "error")]
    // like
    [InlineData("resource.arg_path like \"/etc/*\"", "true")]
    [InlineData("resource.arg_path like \"*passwd\"", "true")]
    [InlineData("resource.arg_path like \"*/*p*d\"", "true")]
    [InlineData("resource.arg_path like \"/etc\"", "false")]
    [InlineData("\"a*b\" like \"a\\*b\"", "true")]
    [InlineData("\"axb\" like \"a\\*b\"", "false")]
    [InlineData("\"\" like \"*\"", "true")]
    [InlineData("principal.claim_level like \"*\"", "error")]
    // in: hierarchy, sets, errors.
    [InlineData("principal in Group::\"admins\"", "true")]
    [InlineData("principal in Group::\"all\"", "true")]
    [InlineData("principal in Client::\"alice\"", "true")]
    [InlineData("principal in [Group::\"nobody\", Group::\"all\"]", "true")]
    [InlineData("resource in ToolGroup::\"dangerous\"", "true")]
    [InlineData("Group::\"all\" in Group::\"admins\"", "false")]
    [InlineData("principal in [Group::\"admins\", \"x\"]", "error")]
    [InlineData("1 in Group::\"admins\"", "error")]
    // Set methods.
    [InlineData("principal.claim_groups.contains(\"a\")", "true")]
    [InlineData("principal.claim_groups.contains(\"z\")", "false")]
    [InlineData("principal.claim_groups.containsAll([\"a\", \"b\"])", "true")]
    [InlineData("principal.claim_groups.containsAll([\"a\", \"z\"])", "false")]
    [InlineData("principal.claim_groups.containsAny([\"z\", \"b\"])", "true")]
    [InlineData("[].isEmpty()", "true")]
    [InlineData("\"ab\".contains(\"a\")", "error")]
    // if-then-else, is.
    [InlineData("if principal.claim_level > 1 then true else principal.missing", "true")]
    [InlineData("if 1 then true else false", "error")]
    [InlineData("principal is Client", "true")]
    [InlineData("resource is Client", "false")]
    public void Evaluate_Condition_MatchesCedar(string condition, string expected)
    {
        Assert.Equal(expected, Requests.Evaluate(condition));
    }
}
