using System.Text.Json.Nodes;
using Toolshed.Core.Tools;
using Toolshed.Proxy.Audit;
using Toolshed.Proxy.Authz;
using Toolshed.Proxy.Tests.Auth;
using Toolshed.Proxy.Tools;
using Toolshed.Testing;

namespace Toolshed.Proxy.Tests.Tools;

/// <summary>A tool filter in the call gate: what the server gets, what the policy and the audit line see, what the
/// client is answered.</summary>
public sealed class ToolFilterGateTests
{
    private static readonly ToolFilterSpec s_spec = ToolFilterRules.Validate(
        ["echo", "sum", "collide"],
        new Dictionary<string, ToolOverride>
        {
            ["get-sum"] = new() { Name = "sum", Description = "Adds" },
            ["echo"] = new() { Description = "Says it back" },
            ["other"] = new() { Name = "collide" },
        });

    [Fact]
    public async Task CallRenamedTool_ServerGetsItsOwnNamePolicyAndAuditTheClients()
    {
        using var directory = new TemporaryDirectory();
        var authorizer = new AllowListAuthorizer("sum");
        using var audit = new AuditLog(directory.Path, "w", 1 << 20, 1);
        var gate = new McpCallGate("w", authorizer, audit, 0, TimeProvider.System) { Tools = new ToolFilter(s_spec) };
        var request = Call("sum");

        var call = gate.Begin(null, request)!;
        call.Complete(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = 1, ["result"] = new JsonObject() });

        Assert.False(call.IsDenied || call.IsUnknownTool);
        Assert.Equal("get-sum", request["params"]!["name"]!.GetValue<string>());
        Assert.Equal("sum", Assert.Single(authorizer.Asked).Target);
        var line = await AuditLogReader.TailAsync(directory.Path, "w", 1, TestContext.Current.CancellationToken);
        Assert.Contains("\"name\":\"sum\"", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("get-sum")] // the old name of a renamed tool
    [InlineData("get-env")] // not in the allow-list
    [InlineData("other")]   // renamed away
    public void CallHiddenTool_IsAnUnknownToolAndNotForwarded(string name)
    {
        var gate = new McpCallGate("w", null, null, 0, TimeProvider.System) { Tools = new ToolFilter(s_spec) };

        var call = gate.Begin(null, Call(name))!;

        Assert.True(call.IsUnknownTool);
        var error = call.UnknownToolError()["error"]!;
        Assert.Equal(-32602, error["code"]!.GetValue<int>());
        Assert.Equal($"Unknown tool: {name}", error["message"]!.GetValue<string>());
    }

    [Fact]
    public void ListTools_OverridesThenAllowListAndNoTwoToolsOfOneName()
    {
        var tools = new JsonArray(
            Tool("echo", "Echoes"), Tool("get-sum", "Sum"), Tool("get-env", "Env"), Tool("sum", "A server tool named like a new name"),
            Tool("other", "Other"), new JsonObject { ["description"] = "no name" });

        new ToolFilter(s_spec).Apply(tools);

        Assert.Equal(
            ["echo:Says it back", "sum:Adds", "collide:Other"],
            tools.Select(t => $"{t!["name"]}:{t["description"]}"));
    }

    [Fact]
    public void Gate_WithOnlyAFilter_TracksCallsAndWithoutOneDoesNot()
    {
        var gate = new McpCallGate("w", null, null, 0, TimeProvider.System);
        Assert.Null(gate.Begin(null, Call("echo")));

        gate.Tools = new ToolFilter(s_spec);
        Assert.NotNull(gate.Begin(null, Call("echo")));
    }

    private static JsonObject Call(string name) => new()
    {
        ["jsonrpc"] = "2.0",
        ["id"] = 1,
        ["method"] = "tools/call",
        ["params"] = new JsonObject { ["name"] = name, ["arguments"] = new JsonObject() },
    };

    private static JsonObject Tool(string name, string description) => new() { ["name"] = name, ["description"] = description };
}
