using Toolshed.Authorization;
using Toolshed.Core.Errors;
using Toolshed.Authorization.Tests.Support;
using Toolshed.Testing;

namespace Toolshed.Authorization.Tests;

public sealed class CedarConfigTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new("toolshed-authz");

    public void Dispose() => _directory.Dispose();

    private string Write(string name, string text)
    {
        var path = _directory.Combine(name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task Load_JsonConfig_AuthorizesWithPoliciesAndEntities()
    {
        var path = Write("authz.json", """
            {
              "version": "1.0",
              "type": "cedarv1",
              "cedar": {
                "policies": [
                  "permit(principal in Group::\"admins\", action == Action::\"call_tool\", resource);",
                  "forbid(principal, action, resource == Tool::\"delete_repo\");"
                ],
                "entities_json": "[{\"uid\": {\"type\": \"Client\", \"id\": \"alice\"}, \"attrs\": {}, \"parents\": [{\"type\": \"Group\", \"id\": \"admins\"}]}]"
              }
            }
            """);

        var authorizer = await CedarAuthorizer.LoadAsync(path, TestContext.Current.CancellationToken);

        Assert.True(authorizer.IsAuthorized(Requests.CallTool("alice", "deploy")).IsAllowed);
        Assert.False(authorizer.IsAuthorized(Requests.CallTool("alice", "delete_repo")).IsAllowed);
        Assert.False(authorizer.IsAuthorized(Requests.CallTool("bob", "deploy")).IsAllowed);
    }

    [Fact]
    public async Task Load_YamlConfig_AuthorizesWithBlockScalarPolicies()
    {
        var path = Write("authz.yaml", """
            version: "1.0"
            type: cedarv1
            cedar:
              policies:
                - |
                  permit(principal, action == Action::"call_tool", resource)
                  when { principal.claim_role == "admin" };
                - 'forbid(principal, action, resource) when { resource.arg_path like "/etc/shadow*" };'
              entities_json: "[]"
            """);

        var authorizer = await CedarAuthorizer.LoadAsync(path, TestContext.Current.CancellationToken);

        Assert.True(authorizer.IsAuthorized(Requests.CallTool()).IsAllowed);
    }

    [Fact]
    public async Task Load_YamlPolicyInvalid_NamesPolicyAndFileLine()
    {
        var path = Write("authz.yaml", """
            version: "1.0"
            type: cedarv1
            cedar:
              policies:
                - permit(principal, action, resource);
                - |
                  permit(principal, action, resource)
                  when { principal.claim_role == };
            """);

        var error = await Assert.ThrowsAsync<InvalidInputException>(() => CedarAuthorizer.LoadAsync(path, TestContext.Current.CancellationToken));

        Assert.Equal($"The authorization config {path} is not a valid Cedar authorization config (line 8).", error.Message);
    }

    [Fact]
    public async Task Load_JsonPolicyInvalid_NamesTheFileLineOnly()
    {
        var path = Write("authz.json", "{\n  \"type\": \"cedarv1\",\n  \"cedar\": {\"policies\": [\n    \"permit(principal, action, resource);\",\n    \"permit(principal, action, resource) when { principal.secret_claim == };\"\n  ]}\n}");

        var error = await Assert.ThrowsAsync<InvalidInputException>(() => CedarAuthorizer.LoadAsync(path, TestContext.Current.CancellationToken));

        Assert.Equal($"The authorization config {path} is not a valid Cedar authorization config (line 5).", error.Message);
    }

    [Fact]
    public async Task Load_InvalidJson_ReportsLineAndColumn()
    {
        var path = Write("authz.json", "{\n  \"type\": \"cedarv1\",\n  \"cedar\": { \"policies\": [ \"permit(principal, action, resource);\" ] \n}");

        var error = await Assert.ThrowsAsync<InvalidInputException>(() => CedarAuthorizer.LoadAsync(path, TestContext.Current.CancellationToken));

        Assert.Contains("(line 4)", error.Message);
        Assert.DoesNotContain("cedarv1", error.Message);
    }

    [Fact]
    public async Task Load_InvalidYaml_ReportsLineAndColumn()
    {
        var path = Write("authz.yaml", "type: cedarv1\ncedar:\n  policies: a: b\n");

        var error = await Assert.ThrowsAsync<InvalidInputException>(() => CedarAuthorizer.LoadAsync(path, TestContext.Current.CancellationToken));

        Assert.Contains("is not a valid Cedar authorization config (line 3)", error.Message);
    }

    [Fact]
    public async Task Load_UnclosedYamlFlowSequence_ThrowsInvalidInput()
    {
        // YamlDotNet answers this one with an InvalidOperationException rather than a YamlException.
        var path = Write("authz.yaml", "type: cedarv1\ncedar:\n  policies: [\"permit(principal, action, resource);\"\n  entities_json: x\n");

        var error = await Assert.ThrowsAsync<InvalidInputException>(() => CedarAuthorizer.LoadAsync(path, TestContext.Current.CancellationToken));

        Assert.Contains("is not a valid Cedar authorization config", error.Message);
        Assert.DoesNotContain("entities_json", error.Message);
    }

    [Theory]
    [InlineData("""{"type": "opa", "cedar": {"policies": ["permit(principal, action, resource);"]}}""", "\"type\" must be \"cedarv1\"")]
    [InlineData("""{"type": "cedarv1", "cedar": {"policies": []}}""", "holds no policy")]
    [InlineData("""{"type": "cedarv1", "cedar": {"policies": "permit(principal, action, resource);"}}""", "must be an array")]
    [InlineData("""{"type": "cedarv1", "cedar": {"policies": ["permit(principal, action, resource);"], "entities_json": "[{\"uid\": 1}]"}}""", "entities_json[0].uid")]
    [InlineData("""{"type": "cedarv1", "cedar": {"policies": ["permit(principal, action, resource);"], "entities_json": "[{\"uid\": {\"type\": \"A\", \"id\": \"b\"}, \"attrs\": {\"x\": 1.5}}]"}}""", "not a 64-bit integer")]
    [InlineData("""{"type": "cedarv1", "cedar": {"policies": ["permit(principal, action, resource);"], "entities_json": "[{,]"}}""", "cedar.entities_json, line 1, column 3")]
    public void Parse_InvalidConfig_ThrowsInvalidInput(string config, string expected)
    {
        var error = Assert.Throws<InvalidInputException>(() => CedarAuthorizer.Parse(config));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public async Task Load_MissingFile_ThrowsInvalidInput()
    {
        var error = await Assert.ThrowsAsync<InvalidInputException>(() => CedarAuthorizer.LoadAsync(_directory.Combine("nope.json"), TestContext.Current.CancellationToken));

        Assert.Contains("does not exist", error.Message);
    }
}
