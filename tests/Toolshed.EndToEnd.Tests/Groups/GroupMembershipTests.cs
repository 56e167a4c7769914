using ModelContextProtocol;
using ModelContextProtocol.Client;
using Toolshed.EndToEnd.Tests.Lifecycle;
using Toolshed.EndToEnd.Tests.Servers;
using Toolshed.Testing;
using static Toolshed.EndToEnd.Tests.Groups.GroupWorkloads;

namespace Toolshed.EndToEnd.Tests.Groups;

/// <summary>
/// A group's clients hear of every change of its members within 2 s (stop, start, crash, a new tool filter, leaving),
/// a call to a member that is down says which member; the group's sessions with members open only when needed and
/// close with the client or the member; the group comes back on its port after a daemon restart.
/// </summary>
[Collection(GroupCollection.Name)]
public sealed class GroupMembershipTests(GroupWorkloads workloads)
{
    private static readonly TimeSpan s_told = TimeSpan.FromSeconds(2);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MemberStopsAndStarts_ClientsAreToldWithin2s_AndACallToItNamesIt()
    {
        var port = await workloads.CreateGroupAsync("stops", "-m", Ev1, "-m", Mem);
        try
        {
            await using var client = await McpProbe.ConnectAsync(port, options: McpProbe.Legacy());
            await using var changes = new ListChanges(client);
            Assert.Contains("read_graph", await NamesAsync(client));

            Assert.Equal(0, (await workloads.Shed.RunAsync("stop", Mem)).ExitCode);
            await changes.NextAsync(s_told, $"shed stop {Mem}");
            Assert.DoesNotContain("read_graph", await NamesAsync(client));
            var down = await Assert.ThrowsAnyAsync<McpException>(async () => await GroupNamingTests.CallTextAsync(client, "read_graph", []));
            Assert.Contains($"'{Mem}'", down.Message, StringComparison.Ordinal);
            Assert.Contains("not running", down.Message, StringComparison.Ordinal);
            Assert.Equal("Echo: still here", await McpProbe.EchoAsync(client, "still here"));
            await using (var fresh = await McpProbe.ConnectAsync(port, options: McpProbe.Legacy()))
            {
                // A session that never saw the member run is told the same.
                var alsoDown = await Assert.ThrowsAnyAsync<McpException>(async () => await GroupNamingTests.CallTextAsync(fresh, "read_graph", []));
                Assert.Contains($"'{Mem}'", alsoDown.Message, StringComparison.Ordinal);
            }

            changes.Clear();
            Assert.Equal(0, (await workloads.Shed.RunAsync("restart", Mem)).ExitCode);
            await changes.NextAsync(s_told, $"shed restart {Mem} returned");
            Assert.Contains("read_graph", await NamesAsync(client));
            Assert.Contains("entities", await GroupNamingTests.CallTextAsync(client, "read_graph", []), StringComparison.Ordinal);
        }
        finally
        {
            await workloads.Shed.RunAsync("restart", Mem);
            await workloads.Shed.RunAsync("group", "rm", "stops");
        }
    }

    [Fact]
    public async Task MemberCrashes_IsRestarted_AndTheGroupServesItAgain()
    {
        var port = await workloads.CreateGroupAsync("crash", "-m", Ev1, "-m", Mem);
        try
        {
            await using var client = await McpProbe.ConnectAsync(port, options: McpProbe.Legacy());
            await using var changes = new ListChanges(client);
            Assert.Contains("read_graph", await NamesAsync(client));

            await DockerCli.RunAsync("kill", $"toolshed-{Mem}");
            await changes.NextAsync(TimeSpan.FromSeconds(20), $"docker kill toolshed-{Mem}");
            var graph = await Eventually.GetAsync(
                async () => await GroupNamingTests.CallTextAsync(client, "read_graph", []), TimeSpan.FromSeconds(60), $"{Mem} served again through the group");
            Assert.Contains("entities", graph, StringComparison.Ordinal);
        }
        finally
        {
            await workloads.Shed.RunAsync("group", "rm", "crash");
        }
    }

    [Fact]
    public async Task MemberToolFilterChanges_ReachTheGroupsClientsWithin2s()
    {
        var port = await workloads.CreateGroupAsync("filters", "-m", Ev1, "-m", Mem);
        try
        {
            await using var client = await McpProbe.ConnectAsync(port, options: McpProbe.Legacy());
            await using var changes = new ListChanges(client);
            Assert.Contains("get-sum", await NamesAsync(client));

            Assert.Equal(0, (await workloads.Shed.RunAsync("tools", "set", Ev1, "--tools", "echo")).ExitCode);
            await changes.NextAsync(s_told, $"shed tools set {Ev1} --tools echo");
            var names = await NamesAsync(client);
            Assert.Contains("echo", names);
            Assert.DoesNotContain("get-sum", names);
            Assert.Contains("read_graph", names);
        }
        finally
        {
            await workloads.Shed.RunAsync("tools", "set", Ev1);
            await workloads.Shed.RunAsync("group", "rm", "filters");
        }
    }

    [Fact]
    public async Task MemberSessions_OpenWhenNeeded_AndCloseWithTheClientOrTheMember()
    {
        var port = await workloads.CreateGroupAsync("sessions", "-m", Ev1, "-m", Mem);
        try
        {
            var (ev1Before, memBefore) = (await workloads.SessionsOfAsync(Ev1), await workloads.SessionsOfAsync(Mem));
            var client = await McpProbe.ConnectAsync(port, options: McpProbe.Legacy());
            await using var changes = new ListChanges(client);
            Assert.Equal(ev1Before, await workloads.SessionsOfAsync(Ev1)); // initialize alone opens nothing behind the group

            await NamesAsync(client);
            Assert.Equal(ev1Before + 1, await workloads.SessionsOfAsync(Ev1));
            Assert.Equal(memBefore + 1, await workloads.SessionsOfAsync(Mem));

            Assert.Equal(0, (await workloads.Shed.RunAsync("group", "remove", "sessions", Mem)).ExitCode);
            await changes.NextAsync(s_told, $"shed group remove sessions {Mem}");
            Assert.Equal(memBefore, await workloads.SessionsOfAsync(Mem));
            Assert.DoesNotContain("read_graph", await NamesAsync(client));

            await client.DisposeAsync();
            await Eventually.GetAsync(
                async () => await workloads.SessionsOfAsync(Ev1) == ev1Before ? "closed" : null, TimeSpan.FromSeconds(5), $"the group's session with {Ev1} closed");
        }
        finally
        {
            await workloads.Shed.RunAsync("group", "rm", "sessions");
        }
    }

    [Fact]
    public async Task DaemonRestart_ServesTheGroupOnTheSamePort()
    {
        var port = await workloads.CreateGroupAsync("survives", "-m", Ev1, "-m", Ev2, "-m", Mem);
        try
        {
            List<string> before;
            await using (var first = await McpProbe.ConnectAsync(port, options: McpProbe.Legacy()))
            {
                before = [.. (await NamesAsync(first)).Order(StringComparer.Ordinal)];
            }

            workloads.Shed.KillDaemon();
            var list = await workloads.Shed.RunAsync("group", "list");
            Assert.True(list.ExitCode == 0, list.ToString());
            Assert.Contains($"127.0.0.1:{port}/mcp", list.Stdout, StringComparison.Ordinal);

            var names = await Eventually.GetAsync(
                async () =>
                {
                    await using var client = await McpProbe.ConnectAsync(port, options: McpProbe.Legacy());
                    var listed = await NamesAsync(client);
                    return listed.Contains("read_graph") && listed.Contains($"{Ev2}_echo") ? listed : null;
                },
                TimeSpan.FromSeconds(30),
                "every member served through the group again");
            Assert.Equal(before, names.Order(StringComparer.Ordinal)); // the same names, settled the same way
        }
        finally
        {
            await workloads.Shed.RunAsync("group", "rm", "survives");
        }
    }

    private static async Task<List<string>> NamesAsync(McpClient client) =>
        [.. (await client.ListToolsAsync(cancellationToken: Token)).Select(t => t.Name)];
}
