using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Toolshed.EndToEnd.Tests.Cli;
using Toolshed.EndToEnd.Tests.Remote;
using Toolshed.EndToEnd.Tests.Servers;
using Toolshed.Testing;

namespace Toolshed.EndToEnd.Tests.Tools;

/// <summary>
/// `shed run … --tools … --tools-override FILE` and `shed tools set` with a real client: a renamed tool is listed and
/// called by its new name and reaches the server under its own; hidden tools (and the old name) are unknown; a change
/// on the running workload reaches the connected client as tools/list_changed, without a restart.
/// </summary>
public sealed class ToolFilterTests : IAsyncDisposable
{
    private readonly TemporaryDirectory _home = new("toolshed-tools");
    private readonly ShedScript _shed;

    public ToolFilterTests() => _shed = new ShedScript(_home.Path, DaemonProcess.FreePort());

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        await _shed.RunAsync("rm", "filtered");
        _shed.KillDaemon();
        _home.Dispose();
    }

    [Fact]
    public async Task Run_StdioServerWithAFilter_ShowsRenamesAndHidesThenChangesLive()
    {
        DockerRequirement.EnsureAvailable();
        var overrides = await WriteOverridesAsync();

        var run = await _shed.RunAsync(
            "run", TestImages.Everything, "--name", "filtered", "--tools", "echo,sum", "--tools-override", overrides, "--format", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        await CheckFilterAsync(run.UrlPort);
    }

    [Fact]
    public async Task Run_RemoteWithAFilter_ShowsRenamesAndHidesThenChangesLive()
    {
        await using var remote = await OAuthRemote.StartAsync(Token);
        var overrides = await WriteOverridesAsync();

        var run = await _shed.RunAsync(
            "run", remote.LegacySse, "--name", "filtered", "--tools", "echo,sum", "--tools-override", overrides, "--format", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        await CheckFilterAsync(run.UrlPort);
    }

    [Fact]
    public async Task ToolsSet_ForwardedHttpServer_ServesTheFilterOnTheSamePortWithTheSameContainer()
    {
        DockerRequirement.EnsureAvailable();
        var run = await _shed.RunAsync(
            "run", TestImages.Everything, "--name", "filtered", "--transport", "streamable-http", "--target-port", "3001",
            "--format", "json", "--", "streamableHttp");
        Assert.True(run.ExitCode == 0, run.ToString());
        var port = run.UrlPort;
        var before = JsonDocument.Parse((await _shed.RunAsync("inspect", "filtered", "--format", "json")).Stdout).RootElement;
        await using (var client = await McpProbe.ConnectAsync(port))
        {
            Assert.Contains("get-sum", (await client.ListToolsAsync(cancellationToken: Token)).Select(t => t.Name));
        }

        var set = await _shed.RunAsync("tools", "set", "filtered", "--tools", "echo");

        Assert.True(set.ExitCode == 0, set.ToString());
        var after = JsonDocument.Parse((await _shed.RunAsync("inspect", "filtered", "--format", "json")).Stdout).RootElement;
        Assert.Equal(before.GetProperty("id").GetString(), after.GetProperty("id").GetString());
        Assert.Equal(port, after.GetProperty("proxy_port").GetInt32());
        Assert.Equal(0, after.GetProperty("restart_count").GetInt32());
        foreach (var mode in new[] { HttpTransportMode.StreamableHttp, HttpTransportMode.Sse })
        {
            await using var client = await McpProbe.ConnectAsync(port, mode);
            Assert.Equal(["echo"], (await client.ListToolsAsync(cancellationToken: Token)).Select(t => t.Name));
        }
    }

    [Fact]
    public async Task ToolsSet_BadFilter_IsRefusedAndChangesNothing()
    {
        await using var remote = await OAuthRemote.StartAsync(Token);
        Assert.Equal(0, (await _shed.RunAsync("run", remote.LegacySse, "--name", "filtered", "--tools", "echo")).ExitCode);
        var file = Path.Combine(_home.Path, "twice.json");
        await File.WriteAllTextAsync(file, """{"echo": {"name": "same"}, "get-sum": {"name": "same"}}""", Token);

        var twice = await _shed.RunAsync("tools", "set", "filtered", "--tools-override", file);
        var badName = await _shed.RunAsync("tools", "set", "filtered", "--tools", "no spaces allowed");

        Assert.True(twice.ExitCode != 0, twice.ToString());
        Assert.Contains("both as 'same'", twice.Stderr, StringComparison.Ordinal);
        Assert.True(badName.ExitCode != 0, badName.ToString());
        Assert.Contains("is not a tool name", badName.Stderr, StringComparison.Ordinal);
        Assert.Contains("Tools shown: echo", (await _shed.RunAsync("tools", "show", "filtered")).Stdout, StringComparison.Ordinal);
    }

    private async Task CheckFilterAsync(int port)
    {
        // A 2025-11-25 session: it hears list_changed on its own stream (a 2026-07-28 client would need a listen stream).
        await using var client = await McpProbe.ConnectAsync(port, options: McpProbe.Legacy());
        var tools = await client.ListToolsAsync(cancellationToken: Token);
        Assert.Equal(["echo", "sum"], tools.Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.Equal("Adds two numbers, renamed by Toolshed", tools.Single(t => t.Name == "sum").Description);

        var sum = await client.CallToolAsync("sum", new Dictionary<string, object?> { ["a"] = 2, ["b"] = 3 }, cancellationToken: Token);
        Assert.Contains("5", Assert.IsType<TextContentBlock>(sum.Content[0]).Text, StringComparison.Ordinal);
        foreach (var hidden in new[] { "get-sum", "get-env" })
        {
            var unknown = await Assert.ThrowsAnyAsync<McpException>(async () =>
                await client.CallToolAsync(hidden, new Dictionary<string, object?>(), cancellationToken: Token));
            Assert.Contains($"Unknown tool: {hidden}", unknown.Message, StringComparison.Ordinal);
        }

        // Changed on the running workload: the connected client is told, and sees the new list.
        var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var registration = client.RegisterNotificationHandler(
            NotificationMethods.ToolListChangedNotification, (_, _) => { changed.TrySetResult(); return ValueTask.CompletedTask; });
        var set = await _shed.RunAsync("tools", "set", "filtered", "--tools", "echo");
        Assert.True(set.ExitCode == 0, set.ToString());
        Assert.Contains("Tools shown: echo", set.Stdout, StringComparison.Ordinal);
        await changed.Task.WaitAsync(TimeSpan.FromSeconds(2), Token);
        Assert.Equal(["echo"], (await client.ListToolsAsync(cancellationToken: Token)).Select(t => t.Name));
        Assert.Equal("Echo: still here", await McpProbe.EchoAsync(client, "still here"));

        var inspect = JsonDocument.Parse((await _shed.RunAsync("inspect", "filtered", "--format", "json")).Stdout).RootElement;
        Assert.Equal(["echo"], inspect.GetProperty("tools").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(JsonValueKind.Null, inspect.GetProperty("tools_override").ValueKind);
    }

    private async Task<string> WriteOverridesAsync()
    {
        var file = Path.Combine(_home.Path, "overrides.json");
        await File.WriteAllTextAsync(file, """{"get-sum": {"name": "sum", "description": "Adds two numbers, renamed by Toolshed"}}""", Token);
        return file;
    }

}
