using System.Text.Json;
using Toolshed.EndToEnd.Tests.Remote;
using Toolshed.EndToEnd.Tests.Servers;
using Toolshed.Testing;
using static Toolshed.EndToEnd.Tests.Groups.GroupWorkloads;

namespace Toolshed.EndToEnd.Tests.Groups;

/// <summary>
/// A group's endpoint decides calls with its own Cedar policy (on the names the group shows) and writes its own audit
/// log, each line naming the member and the tool's name there; ten members behind one URL.
/// </summary>
[Collection(GroupCollection.Name)]
public sealed class GroupPolicyTests(GroupWorkloads workloads)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GroupPolicy_DecidesOnTheShownNames_AndTheAuditNamesMemberAndTool()
    {
        var policy = Path.Combine(workloads.Home, "group-policy.yaml");
        await File.WriteAllTextAsync(policy, $"""
            version: "1.0"
            type: cedarv1
            cedar:
              policies:
                - 'permit(principal, action == Action::"call_tool", resource == Tool::"{Ev1}_echo");'
              entities_json: "[]"
            """, Token);
        var port = await workloads.CreateGroupAsync("guarded", "-m", Ev1, "-m", Ev2, "--authz-config", policy);
        try
        {
            await using var client = await McpProbe.ConnectAsync(port);
            var names = (await client.ListToolsAsync(cancellationToken: Token)).Select(t => t.Name).ToList();

            Assert.Equal([$"{Ev1}_echo"], names); // lists show what the policy lets the caller call
            Assert.Equal("Echo: allowed", await GroupNamingTests.CallTextAsync(client, $"{Ev1}_echo", new() { ["message"] = "allowed" }));
            var denied = await Assert.ThrowsAsync<HttpRequestException>(async () =>
                await GroupNamingTests.CallTextAsync(client, $"{Ev2}_echo", new() { ["message"] = "denied" }));
            Assert.Equal(System.Net.HttpStatusCode.Forbidden, denied.StatusCode);

            var audit = Path.Combine(workloads.Home, "state", "audit", "groups", "guarded.jsonl");
            var lines = (await File.ReadAllLinesAsync(audit, Token)).Select(l => JsonDocument.Parse(l).RootElement).ToList();
            var allowed = lines.Single(l => l.GetProperty("method").GetString() == "tools/call" && l.GetProperty("decision").GetString() == "allow");
            Assert.Equal($"{Ev1}_echo", allowed.GetProperty("name").GetString());
            Assert.Equal(Ev1, allowed.GetProperty("member").GetString());
            Assert.Equal("echo", allowed.GetProperty("member_name").GetString());
            Assert.Equal("guarded", allowed.GetProperty("workload").GetString());
            Assert.Contains(lines, l => l.GetProperty("decision").GetString() == "deny" && l.GetProperty("name").GetString() == $"{Ev2}_echo");
        }
        finally
        {
            await workloads.Shed.RunAsync("group", "rm", "guarded");
        }
    }

    [Fact]
    public async Task Optimizer_ShowsFindAndCall_RanksTheMembersTools_AndNeverFindsWhatThePolicyRefuses()
    {
        var open = await workloads.CreateGroupAsync("optimized", "-m", Ev1, "-m", Mem, "--optimizer");
        var policy = Path.Combine(workloads.Home, "optimizer-policy.yaml");
        await File.WriteAllTextAsync(policy, """
            version: "1.0"
            type: cedarv1
            cedar:
              policies:
                - 'permit(principal, action == Action::"call_tool", resource == Tool::"find_tool");'
                - 'permit(principal, action == Action::"call_tool", resource == Tool::"call_tool");'
                - 'permit(principal, action == Action::"call_tool", resource == Tool::"echo");'
              entities_json: "[]"
            """, Token);
        var guarded = await workloads.CreateGroupAsync("optimized-guarded", "-m", Ev1, "-m", Mem, "--optimizer", "--authz-config", policy);
        try
        {
            await using var client = await McpProbe.ConnectAsync(open);
            Assert.Equal(["find_tool", "call_tool"], (await client.ListToolsAsync(cancellationToken: Token)).Select(t => t.Name));
            Assert.Equal("create_entities", (await FindAsync(client, "create new entities in the knowledge graph"))[0]);
            Assert.Equal("echo", (await FindAsync(client, "echo back a message"))[0]);
            Assert.Equal("Echo: found", await GroupNamingTests.CallTextAsync(client, "call_tool", new()
            {
                ["name"] = "echo",
                ["arguments"] = new Dictionary<string, object?> { ["message"] = "found" },
            }));

            await using var limited = await McpProbe.ConnectAsync(guarded);
            Assert.Empty(await FindAsync(limited, "knowledge graph entities"));
            Assert.Equal(["echo"], await FindAsync(limited, "echo back a message"));
            var refused = await Assert.ThrowsAnyAsync<ModelContextProtocol.McpException>(async () =>
                await GroupNamingTests.CallTextAsync(limited, "call_tool", new() { ["name"] = "read_graph" }));
            Assert.Contains("Forbidden", refused.Message, StringComparison.Ordinal);
        }
        finally
        {
            await workloads.Shed.RunAsync("group", "rm", "optimized");
            await workloads.Shed.RunAsync("group", "rm", "optimized-guarded");
        }
    }

    private static async Task<List<string>> FindAsync(ModelContextProtocol.Client.McpClient client, string query)
    {
        var text = await GroupNamingTests.CallTextAsync(client, "find_tool", new() { ["query"] = query, ["limit"] = 5 });
        return [.. JsonDocument.Parse(text).RootElement.GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("name").GetString()!)];
    }

    [Fact]
    public async Task GroupOidc_RefusesCallersWithoutAToken_AndAuditsTheSubject()
    {
        await using var issuer = await TestIssuer.StartAsync(Token);
        var port = await workloads.CreateGroupAsync(
            "signed", "-m", Ev1, "--oidc-issuer", issuer.Issuer, "--oidc-audience", TestIssuer.Audience);
        try
        {
            var refused = await Assert.ThrowsAsync<HttpRequestException>(async () => await McpProbe.ConnectAsync(port));
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, refused.StatusCode);

            await using var client = await McpProbe.ConnectAsync(port, token: issuer.Mint("alice"));
            Assert.Equal("Echo: signed in", await McpProbe.EchoAsync(client, "signed in"));
            var audit = await File.ReadAllLinesAsync(Path.Combine(workloads.Home, "state", "audit", "groups", "signed.jsonl"), Token);
            Assert.Contains(audit, l => l.Contains("\"subject\":\"alice\"", StringComparison.Ordinal) && l.Contains("tools/call", StringComparison.Ordinal));
        }
        finally
        {
            await workloads.Shed.RunAsync("group", "rm", "signed");
        }
    }

    [Fact]
    public async Task AMembersOwnPolicy_StillAppliesBehindTheGroup()
    {
        await using var remote = await OAuthRemote.StartAsync(Token);
        var policy = Path.Combine(workloads.Home, "member-policy.yaml");
        await File.WriteAllTextAsync(policy, """
            version: "1.0"
            type: cedarv1
            cedar:
              policies:
                - 'permit(principal, action == Action::"call_tool", resource == Tool::"echo");'
              entities_json: "[]"
            """, Token);
        var run = await workloads.Shed.RunAsync("run", remote.LegacySse, "--name", "grp-guarded", "--authz-config", policy);
        Assert.True(run.ExitCode == 0, run.ToString());
        try
        {
            var port = await workloads.CreateGroupAsync("behind", "-m", "grp-guarded");
            await using var client = await McpProbe.ConnectAsync(port);

            Assert.Equal(["echo"], (await client.ListToolsAsync(cancellationToken: Token)).Select(t => t.Name));
            Assert.Equal("Echo: allowed", await McpProbe.EchoAsync(client, "allowed"));
            var hidden = await Assert.ThrowsAnyAsync<ModelContextProtocol.McpException>(async () =>
                await GroupNamingTests.CallTextAsync(client, "get-sum", new() { ["a"] = 1, ["b"] = 2 }));
            Assert.Contains("Unknown tool: get-sum", hidden.Message, StringComparison.Ordinal);
        }
        finally
        {
            await workloads.Shed.RunAsync("group", "rm", "behind");
            await workloads.Shed.RunAsync("rm", "grp-guarded");
        }
    }

    [Fact]
    public async Task TenMembers_BehindOneUrl_EachReachedUnderItsPrefix()
    {
        await using var remote = await OAuthRemote.StartAsync(Token);
        var members = Enumerable.Range(0, 10).Select(i => $"grp-r{i}").ToList();
        try
        {
            foreach (var member in members)
            {
                var run = await workloads.Shed.RunAsync("run", remote.LegacySse, "--name", member);
                Assert.True(run.ExitCode == 0, run.ToString());
            }

            var port = await workloads.CreateGroupAsync("ten", [.. members.SelectMany(m => new[] { "-m", m })]);
            await using var client = await McpProbe.ConnectAsync(port, options: McpProbe.Legacy());
            var names = (await client.ListToolsAsync(cancellationToken: Token)).Select(t => t.Name).ToList();

            foreach (var member in members)
            {
                Assert.Contains($"{member}_echo", names);
            }

            var answers = await Task.WhenAll(members.Select(m =>
                GroupNamingTests.CallTextAsync(client, $"{m}_echo", new() { ["message"] = m })));
            Assert.Equal(members.Select(m => $"Echo: {m}"), answers);
            var inspect = await workloads.InspectGroupAsync("ten");
            Assert.Equal(1, inspect.GetProperty("sessions").GetInt32());
            Assert.Equal(10, inspect.GetProperty("member_sessions").GetInt32()); // the client's, one per member; inspect's own are closed
        }
        finally
        {
            await workloads.Shed.RunAsync("group", "rm", "ten");
            foreach (var member in members)
            {
                await workloads.Shed.RunAsync("rm", member);
            }
        }
    }
}
