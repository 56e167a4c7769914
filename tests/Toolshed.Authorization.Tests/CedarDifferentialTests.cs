using System.Text;
using Toolshed.Authorization;
using Toolshed.Core.Errors;
using Toolshed.Authorization.Tests.Support;

namespace Toolshed.Authorization.Tests;

/// <summary>Toolshed's Cedar engine against the official one (cedar-wasm) on generated policies and requests.</summary>
public sealed class CedarDifferentialTests
{
    private const int Cases = 1500;

    [Fact]
    public async Task IsAuthorized_GeneratedCases_AgreesWithCedarWasm()
    {
        var ct = TestContext.Current.CancellationToken;
        var generator = new CedarCaseGenerator(seed: 20260807);
        var cases = Enumerable.Range(0, Cases).Select(_ => generator.Next()).ToList();

        var answers = await CedarOracle.AuthorizeAsync(cases, ct);

        Assert.Equal(cases.Count, answers.Count);
        var disagreements = new StringBuilder();
        var count = 0;
        int allowed = 0, errored = 0;
        for (var i = 0; i < cases.Count; i++)
        {
            var expected = answers[i];
            var actual = Ours(cases[i]);
            allowed += expected.Decision == "allow" ? 1 : 0;
            errored += expected.Errors.Length > 0 ? 1 : 0;
            if (actual == Describe(expected))
            {
                continue;
            }

            if (++count <= 5)
            {
                disagreements.AppendLine($"case {i}: cedar-wasm {Describe(expected)}, Toolshed {actual}")
                    .AppendLine($"request: {cases[i].Request.Principal} {cases[i].Request.Action} {cases[i].Request.Resource} principal={Show(cases[i].Request.PrincipalAttributes)} resource={Show(cases[i].Request.ResourceAttributes)} context={cases[i].Request.Context}")
                    .AppendLine(cases[i].Policies);
            }
        }

        Assert.True(count == 0, $"{count} of {cases.Count} cases disagree:\n{disagreements}");
        // The generator must exercise every outcome, or the agreement means little.
        Assert.InRange(allowed, cases.Count / 10, cases.Count * 9 / 10);
        Assert.True(errored > cases.Count / 20, $"only {errored} cases had an erroring policy");
    }

    private static string Ours(CedarCase c)
    {
        try
        {
            var decision = CedarAuthorizer.FromPolicies([c.Policies], c.EntitiesJson).IsAuthorized(c.Request);
            return $"{(decision.IsAllowed ? "allow" : "deny")} reasons=[{string.Join(",", decision.DeterminingPolicies.Order())}] errors=[{string.Join(",", decision.ErroredPolicies.Order())}]";
        }
        catch (InvalidInputException e)
        {
            return "failure: " + e.Message;
        }
    }

    private static string Describe(CedarOracleAnswer answer) => answer.Failure is not null
        ? "failure: " + answer.Failure
        : $"{answer.Decision} reasons=[{string.Join(",", answer.Reasons.Order())}] errors=[{string.Join(",", answer.Errors.Order())}]";

    private static string Show(IReadOnlyDictionary<string, CedarValue> attributes) =>
        CedarValue.Record(attributes).ToString();
}
