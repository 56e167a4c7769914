using System.Text.Json;
using System.Text.Json.Nodes;
using Toolshed.Authorization;
using Toolshed.Proxy.Audit;
using Toolshed.Proxy.Authz;
using Toolshed.Testing;

namespace Toolshed.Proxy.Tests.Authz;

/// <summary>
/// The gate's handling of list answers, as every bridged request (stdio and HTTP workloads behind a policy) gets it:
/// a list always passes, its items are kept by their own action, and only an explicit forbid empties it.
/// </summary>
public sealed class ListFilteringTests : IDisposable
{
    private const string Permits = """
        permit(principal, action == Action::"call_tool", resource == Tool::"echo");
        permit(principal, action == Action::"get_prompt", resource == Prompt::"simple-prompt");
        permit(principal, action == Action::"read_resource", resource == Resource::"demo://a");
        """;

    private readonly TemporaryDirectory _audit = new();
    private readonly AuditLog _log;

    public ListFilteringTests() => _log = new AuditLog(_audit.Path, "test");

    public void Dispose()
    {
        _log.Dispose();
        _audit.Dispose();
    }

    [Theory]
    [InlineData("tools/list", "tools", "name", """["echo","get-env","get-sum"]""", """["echo"]""")]
    [InlineData("prompts/list", "prompts", "name", """["simple-prompt","args-prompt"]""", """["simple-prompt"]""")]
    [InlineData("resources/list", "resources", "uri", """["demo://a","demo://b"]""", """["demo://a"]""")]
    public void Complete_PolicyWithoutListPermits_KeepsThePermittedItemsAndAuditsAllow(
        string method, string key, string itemKey, string served, string expected)
    {
        var (items, line) = List([Permits], method, key, itemKey, served);

        Assert.Equal(expected, items);
        Assert.Equal("allow", line.GetProperty("decision").GetString());
        Assert.Equal("success", line.GetProperty("outcome").GetString());
    }

    [Theory]
    [InlineData("tools/list", "tools", "name", "list_tools")]
    [InlineData("prompts/list", "prompts", "name", "list_prompts")]
    [InlineData("resources/list", "resources", "uri", "list_resources")]
    public void Complete_ExplicitForbidOnTheList_EmptiesItAndAuditsDeny(string method, string key, string itemKey, string action)
    {
        var (items, line) = List(
            [Permits, $"forbid(principal, action == Action::\"{action}\", resource);"], method, key, itemKey, """["echo","simple-prompt","demo://a"]""");

        Assert.Equal("[]", items);
        Assert.Equal("deny", line.GetProperty("decision").GetString());
    }

    [Fact]
    public void Complete_NoPolicyPermitsAnything_ListIsEmptyButAllowed()
    {
        var (items, line) = List(["permit(principal == Client::\"someone-else\", action, resource);"], "tools/list", "tools", "name", """["echo"]""");

        Assert.Equal("[]", items);
        Assert.Equal("allow", line.GetProperty("decision").GetString());
    }

    [Fact]
    public void Complete_ItemsWithoutANameAndTheCursor_AreDroppedAndKept()
    {
        var gate = Gate([Permits]);
        var call = gate.Begin(null, Request("tools/list"))!;
        var response = Response("tools", new JsonArray(new JsonObject { ["name"] = "echo" }, new JsonObject { ["title"] = "no name" }, new JsonObject { ["name"] = 7 }));
        ((JsonObject)response["result"]!)["nextCursor"] = "page-2";

        call.Complete(response);

        Assert.Equal("""[{"name":"echo"}]""", response["result"]!["tools"]!.ToJsonString());
        Assert.Equal("page-2", response["result"]!["nextCursor"]!.GetValue<string>());
    }

    private (string Items, JsonElement AuditLine) List(string[] policies, string method, string key, string itemKey, string served)
    {
        var gate = Gate(policies);
        var call = gate.Begin(null, Request(method));
        Assert.NotNull(call);
        Assert.False(call.IsDenied);
        var response = Response(key, new JsonArray([.. JsonNode.Parse(served)!.AsArray().Select(n => (JsonNode)new JsonObject { [itemKey] = n!.DeepClone() })]));

        call.Complete(response);

        var kept = new JsonArray([.. response["result"]![key]!.AsArray().Select(i => i![itemKey]!.DeepClone())]);
        var line = JsonDocument.Parse(File.ReadAllLines(AuditLog.PathFor(_audit.Path, "test")).Single()).RootElement;
        Assert.Equal(method, line.GetProperty("method").GetString());
        return (kept.ToJsonString(), line);
    }

    private McpCallGate Gate(string[] policies) => new(
        "test", new CedarCallAuthorizer(CedarAuthorizer.FromPolicies(policies)), _log, 0, TimeProvider.System);

    private static JsonObject Request(string method) => new() { ["jsonrpc"] = "2.0", ["id"] = 1, ["method"] = method };

    private static JsonObject Response(string key, JsonArray items) =>
        new() { ["jsonrpc"] = "2.0", ["id"] = 1, ["result"] = new JsonObject { [key] = items } };
}
