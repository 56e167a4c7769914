using System.Text.Json;
using Toolshed.Clients;
using Toolshed.EndToEnd.Tests.Servers;
using Toolshed.Testing;
using static Toolshed.EndToEnd.Tests.Groups.GroupWorkloads;

namespace Toolshed.EndToEnd.Tests.Groups;

/// <summary>`shed client register NAME --group G`: the client's config gets the group's one URL, not an entry per workload.</summary>
[Collection(GroupCollection.Name)]
public sealed class GroupClientConfigTests(GroupWorkloads workloads)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ClientRegister_WithAGroup_WritesTheGroupsOneEntry_WhichARealClientUses()
    {
        using var user = new TemporaryDirectory("toolshed-group-client");
        var shed = workloads.AsUser(user.Path);
        var port = await workloads.CreateGroupAsync("for-cursor", "-m", Ev1, "-m", Mem);
        try
        {
            var register = await shed.RunAsync("client", "register", "cursor", "--group", "for-cursor");
            Assert.True(register.ExitCode == 0, register.ToString());
            Assert.Contains("toolshed-group-for-cursor", register.Stdout, StringComparison.Ordinal);

            var config = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(user.Path, ".cursor", "mcp.json"), Token)).RootElement;
            var servers = config.GetProperty("mcpServers").EnumerateObject().Select(p => p.Name).ToList();
            Assert.Equal([ConfigEntry.NameFor("group-for-cursor")], servers);
            var url = new Uri(config.GetProperty("mcpServers").GetProperty(servers[0]).GetProperty("url").GetString()!);
            Assert.Equal(port, url.Port);
            await using var client = await McpProbe.ConnectAsync(url.Port);
            var names = (await client.ListToolsAsync(cancellationToken: Token)).Select(t => t.Name).ToList();
            Assert.Contains("echo", names);
            Assert.Contains("read_graph", names);

            var list = await shed.RunAsync("client", "list", "--format", "json");
            Assert.Contains("\"group\": \"for-cursor\"", list.Stdout, StringComparison.Ordinal);

            var missing = await shed.RunAsync("client", "register", "cursor", "--group", "nope");
            Assert.True(missing.ExitCode == 1, missing.ToString());
            Assert.Contains("no group named 'nope'", missing.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            await shed.RunAsync("client", "remove", "cursor");
            await workloads.Shed.RunAsync("group", "rm", "for-cursor");
        }
    }
}
