using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Toolshed.EndToEnd.Tests.Servers;
using Toolshed.Testing;

using static Toolshed.EndToEnd.Tests.Groups.GroupWorkloads;

namespace Toolshed.EndToEnd.Tests.Groups;

/// <summary>
/// One group URL in front of real servers, with the C# and TypeScript SDK clients: names prefixed only where two
/// members collide (the same whatever the members' order), priority and manual conflicts, calls routed to the member
/// that has the tool, and bad requests refused before anything is made.
/// </summary>
[Collection(GroupCollection.Name)]
public sealed class GroupNamingTests(GroupWorkloads workloads)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Prefix_NamesOnlyCollisions_TheSameWhateverTheMemberOrder_AndRoutesEachCall()
    {
        var port = await workloads.CreateGroupAsync("prefix-a", "-m", Ev1, "-m", Ev2, "-m", Mem);
        var reversed = await workloads.CreateGroupAsync("prefix-b", "-m", Mem, "-m", Ev2, "-m", Ev1);
        try
        {
            await using var client = await McpProbe.ConnectAsync(port);
            await using var other = await McpProbe.ConnectAsync(reversed, HttpTransportMode.Sse);
            var names = (await client.ListToolsAsync(cancellationToken: Token)).Select(t => t.Name).Order(StringComparer.Ordinal).ToList();
            var otherNames = (await other.ListToolsAsync(cancellationToken: Token)).Select(t => t.Name).Order(StringComparer.Ordinal).ToList();

            Assert.Equal(names, otherNames);
            Assert.Contains("create_entities", names); // only mem has it: as the server names it
            Assert.Contains($"{Ev1}_echo", names);
            Assert.Contains($"{Ev2}_echo", names);
            Assert.DoesNotContain("echo", names);
            Assert.Contains($"{Ev2}-mark", await CallTextAsync(client, $"{Ev2}_get-env", []), StringComparison.Ordinal);
            Assert.Contains($"{Ev1}-mark", await CallTextAsync(other, $"{Ev1}_get-env", []), StringComparison.Ordinal);
            Assert.Equal("Echo: via the group", await CallTextAsync(client, $"{Ev1}_echo", new() { ["message"] = "via the group" }));
            var entities = await CallTextAsync(client, "create_entities", new()
            {
                ["entities"] = new[] { new { name = "group-test", entityType = "test", observations = new[] { "made through a group" } } },
            });
            Assert.Contains("group-test", entities, StringComparison.Ordinal);
            var unknown = await Assert.ThrowsAnyAsync<McpException>(async () => await CallTextAsync(client, "echo", []));
            Assert.Contains("Unknown tool: echo", unknown.Message, StringComparison.Ordinal);

            var inspect = await workloads.InspectGroupAsync("prefix-a");
            var echo = inspect.GetProperty("name_conflicts").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "echo");
            Assert.Equal("prefixed", echo.GetProperty("resolution").GetString());
            Assert.Equal([Ev1, Ev2], echo.GetProperty("members").EnumerateArray().Select(m => m.GetString()));
        }
        finally
        {
            await workloads.Shed.RunAsync("group", "rm", "prefix-a");
            await workloads.Shed.RunAsync("group", "rm", "prefix-b");
        }
    }

    [Fact]
    public async Task Priority_TheFirstMemberKeepsTheName_AndInspectSaysSo()
    {
        var port = await workloads.CreateGroupAsync("priority", "-m", Ev2, "-m", Ev1, "--conflicts", "priority");
        try
        {
            await using var client = await McpProbe.ConnectAsync(port);
            var names = (await client.ListToolsAsync(cancellationToken: Token)).Select(t => t.Name).ToList();

            Assert.Contains("echo", names);
            Assert.DoesNotContain($"{Ev1}_echo", names);
            Assert.Contains($"{Ev2}-mark", await CallTextAsync(client, "get-env", []), StringComparison.Ordinal);
            var inspect = await workloads.InspectGroupAsync("priority");
            var echo = inspect.GetProperty("name_conflicts").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "echo");
            Assert.Equal($"kept by {Ev2}", echo.GetProperty("resolution").GetString());
        }
        finally
        {
            await workloads.Shed.RunAsync("group", "rm", "priority");
        }
    }

    [Fact]
    public async Task Manual_RefusesWhileACollisionIsUnresolved_ThenServesOnceSettled()
    {
        var port = await workloads.CreateGroupAsync("manual", "-m", Ev1, "-m", Mem, "--conflicts", "manual", "--rename", $"{Ev1}/echo=say");
        try
        {
            await using var client = await McpProbe.ConnectAsync(port, options: McpProbe.Legacy());
            var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            await using var registration = client.RegisterNotificationHandler(
                NotificationMethods.ToolListChangedNotification, (_, _) => { changed.TrySetResult(); return ValueTask.CompletedTask; });
            Assert.Equal("Echo: renamed", await CallTextAsync(client, "say", new() { ["message"] = "renamed" }));

            var add = await workloads.Shed.RunAsync("group", "add", "manual", Ev2);
            Assert.True(add.ExitCode == 0, add.ToString());
            await changed.Task.WaitAsync(TimeSpan.FromSeconds(2), Token);

            var refused = await Assert.ThrowsAnyAsync<McpException>(async () => await client.ListToolsAsync(cancellationToken: Token));
            Assert.Contains("get-sum", refused.Message, StringComparison.Ordinal);
            Assert.Contains("shed group set manual --rename", refused.Message, StringComparison.Ordinal);
            var inspect = await workloads.InspectGroupAsync("manual");
            Assert.Contains(inspect.GetProperty("name_conflicts").EnumerateArray(), c => c.GetProperty("resolution").GetString() == "unresolved");
            var text = await workloads.Shed.RunAsync("group", "inspect", "manual");
            Assert.Contains("UNRESOLVED", text.Stdout, StringComparison.Ordinal);

            var settle = await workloads.Shed.RunAsync("group", "set", "manual", "--conflicts", "prefix");
            Assert.True(settle.ExitCode == 0, settle.ToString());
            var names = (await client.ListToolsAsync(cancellationToken: Token)).Select(t => t.Name).ToList();
            Assert.Contains("say", names);       // the explicit rename still holds
            Assert.Contains("echo", names);      // ev2's echo collides with nothing now
            Assert.Contains($"{Ev1}_get-sum", names);
        }
        finally
        {
            await workloads.Shed.RunAsync("group", "rm", "manual");
        }
    }

    [Theory]
    [InlineData("streamable")]
    [InlineData("sse")]
    public async Task TypeScriptClient_UsesThreeServersThroughOneUrl_WithProgressAndSampling(string mode)
    {
        var port = await workloads.CreateGroupAsync("ts-" + mode, "-m", Ev1, "-m", Mem);
        try
        {
            var url = $"http://127.0.0.1:{port}/{(mode == "sse" ? "sse" : "mcp")}";
            var result = await TsClient.RunAsync("scenario.mjs", url, mode);

            var tools = result["tools"]!.AsArray().Select(t => t!.GetValue<string>()).ToList();
            Assert.Contains("echo", tools);
            Assert.Contains("read_graph", tools);
            Assert.Equal("Echo: hello from ts", result["echo"]!.GetValue<string>());
            // In order, through the group. The TS SDK dispatches notifications a microtask later than responses, so a
            // last progress that arrives in the same read as the answer finds its handler gone (the member's own
            // endpoint shows the same over SSE): the last one may be missing, never one in the middle.
            var progress = result["progress"]!.AsArray().Select(p => p!.GetValue<int>()).ToList();
            Assert.NotEmpty(progress);
            Assert.Equal(Enumerable.Range(1, progress.Count), progress);
            Assert.True(progress.Count >= (mode == "sse" ? 1 : 3), string.Join(",", progress));
            Assert.Contains("sampled by the TS client", result["sampling"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.True(result["resources"]!.GetValue<int>() > 0);
            Assert.Equal(1, result["readContents"]!.GetValue<int>());
            Assert.Equal(1, result["promptMessages"]!.GetValue<int>());
        }
        finally
        {
            await workloads.Shed.RunAsync("group", "rm", "ts-" + mode);
        }
    }

    [Fact]
    public async Task Create_BadRequests_AreRefusedWithTheFix_AndLeaveNothingBehind()
    {
        var unknownMember = await workloads.Shed.RunAsync("group", "create", "bad", "-m", Ev1, "-m", "nope");
        var badRename = await workloads.Shed.RunAsync("group", "create", "bad", "-m", Ev1, "--rename", "grp-ev1-echo");
        var strayRename = await workloads.Shed.RunAsync("group", "create", "bad", "-m", Ev1, "--rename", $"{Mem}/read_graph=graph");
        var badName = await workloads.Shed.RunAsync("group", "create", "no spaces");

        Assert.True(unknownMember.ExitCode == 1, unknownMember.ToString());
        Assert.Contains("no workload named 'nope'", unknownMember.Stderr, StringComparison.Ordinal);
        Assert.True(badRename.ExitCode == 2, badRename.ToString());
        Assert.Contains("MEMBER/NAME=NEW", badRename.Stderr, StringComparison.Ordinal);
        Assert.True(strayRename.ExitCode == 1, strayRename.ToString());
        Assert.Contains("not a member of the group", strayRename.Stderr, StringComparison.Ordinal);
        Assert.True(badName.ExitCode != 0, badName.ToString());
        var list = await workloads.Shed.RunAsync("group", "list", "--format", "json");
        Assert.DoesNotContain("\"bad\"", list.Stdout, StringComparison.Ordinal);

        await workloads.CreateGroupAsync("twice", "-m", Ev1);
        try
        {
            var again = await workloads.Shed.RunAsync("group", "create", "twice");
            Assert.True(again.ExitCode == 1, again.ToString());
            Assert.Contains("already exists", again.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            await workloads.Shed.RunAsync("group", "rm", "twice");
        }

        var gone = await workloads.Shed.RunAsync("group", "inspect", "twice");
        Assert.True(gone.ExitCode == 1, gone.ToString());
        Assert.Contains("no group named 'twice'", gone.Stderr, StringComparison.Ordinal);
    }

    internal static async Task<string> CallTextAsync(McpClient client, string tool, Dictionary<string, object?> arguments)
    {
        var result = await client.CallToolAsync(tool, arguments, cancellationToken: Token);
        return string.Concat(result.Content.OfType<TextContentBlock>().Select(c => c.Text));
    }
}
