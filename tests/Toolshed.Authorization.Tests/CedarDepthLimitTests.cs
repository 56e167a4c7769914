using System.Text;
using System.Text.Json;
using Toolshed.Authorization;
using Toolshed.Core.Errors;
using Toolshed.Authorization.Tests.Support;

namespace Toolshed.Authorization.Tests;

/// <summary>
/// Every parser of an authorization config refuses nesting 100,000 deep with a clean 400. Without the limits each of
/// these overflows the stack, which kills the test host (and, in production, the daemon).
/// </summary>
public sealed class CedarDepthLimitTests
{
    private const int Deep = 100_000;

    public static TheoryData<string, string> DeepPolicies => new()
    {
        { "parentheses", $"permit(principal, action, resource) when {{ {new string('(', Deep)}true{new string(')', Deep)} }};" },
        { "sets", $"permit(principal, action, resource) when {{ {new string('[', Deep)}{new string(']', Deep)} == [] }};" },
        { "records", $"permit(principal, action, resource) when {{ {Repeat("{a: ", Deep)}1{new string('}', Deep)} == {{}} }};" },
        { "if-then-else", $"permit(principal, action, resource) when {{ {Repeat("if true then ", Deep)}true{Repeat(" else false", Deep)} }};" },
        { "method calls", $"permit(principal, action, resource) when {{ {Repeat("[1].contains(", Deep)}1{new string(')', Deep)} }};" },
        { "an || chain", $"permit(principal, action, resource) when {{ true{Repeat(" || true", Deep)} }};" },
        { "a + chain", $"permit(principal, action, resource) when {{ 1{Repeat(" + 1", Deep)} == 2 }};" },
        { "an attribute chain", $"permit(principal, action, resource) when {{ context{Repeat(".a", Deep)} }};" },
    };

    [Theory]
    [MemberData(nameof(DeepPolicies))]
    public void FromPolicies_NestedHundredThousandDeep_IsInvalidInputNotAStackOverflow(string shape, string policy)
    {
        var error = Assert.Throws<InvalidInputException>(() => CedarAuthorizer.FromPolicies([policy]));

        Assert.True(error.Message.Contains("deep", StringComparison.Ordinal), $"{shape}: {error.Message}");
    }

    [Fact]
    public void FromPolicies_NestedWithinTheLimits_StillParsesAndEvaluates()
    {
        var nested = $"{new string('(', 60)}true{new string(')', 60)}";
        var chain = "false" + Repeat(" || false", 300) + " || true";

        var authorizer = CedarAuthorizer.FromPolicies([$"permit(principal, action, resource) when {{ {nested} && ({chain}) }};"]);

        Assert.True(authorizer.IsAuthorized(Requests.CallTool()).IsAllowed);
    }

    [Fact]
    public void Parse_JsonConfigNestedHundredThousandDeep_IsInvalidInput()
    {
        var config = $"{{\"type\": \"cedarv1\", \"x\": {new string('[', Deep)}{new string(']', Deep)}}}";

        var error = Assert.Throws<InvalidInputException>(() => CedarAuthorizer.Parse(config));

        Assert.Contains("nested deeper than 64", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sequences")]
    [InlineData("mappings")]
    public void Parse_YamlConfigNestedHundredThousandDeep_IsInvalidInput(string shape)
    {
        // Flow style: block style this deep would need 5 * 10^9 characters of indentation.
        var deep = shape == "sequences"
            ? $"type: cedarv1\nx: {new string('[', Deep)}{new string(']', Deep)}\n"
            : $"type: cedarv1\nx: {Repeat("{a: ", Deep)}1{new string('}', Deep)}\n";

        var error = Assert.Throws<InvalidInputException>(() => CedarAuthorizer.Parse(deep));

        Assert.Contains("deeper than 64", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EntitiesNestedHundredThousandDeep_IsInvalidInput()
    {
        var entities = $"[{{\"uid\": {{\"type\": \"A\", \"id\": \"b\"}}, \"attrs\": {{\"x\": {new string('[', Deep)}{new string(']', Deep)}}}}}]";
        var config = JsonSerializer.Serialize(new
        {
            type = "cedarv1",
            cedar = new { policies = new[] { "permit(principal, action, resource);" }, entities_json = entities },
        });

        var error = Assert.Throws<InvalidInputException>(() => CedarAuthorizer.Parse(config));

        Assert.Contains("entities_json", error.Message, StringComparison.Ordinal);
    }

    private static string Repeat(string text, int count) => new StringBuilder(text.Length * count).Insert(0, text, count).ToString();
}
