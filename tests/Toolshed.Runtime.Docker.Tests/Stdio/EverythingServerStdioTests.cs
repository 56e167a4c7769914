using System.Text.Json.Nodes;
using Toolshed.Testing;

namespace Toolshed.Runtime.Docker.Tests;

public sealed class EverythingServerStdioTests : IAsyncLifetime
{
    private readonly DockerTestScope _scope = new();

    public ValueTask InitializeAsync()
    {
        DockerTestScope.RequireEngine();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _scope.DisposeAsync();

    [Fact]
    public async Task AttachBeforeStart_McpConversation_AnswersAndCleansUp()
    {
        using var timeout = DockerTestScope.Timeout();
        var ct = timeout.Token;
        var runtime = _scope.Runtime;
        await runtime.EnsureImageAsync(TestImages.Everything, progress: null, ct);

        var id = await runtime.CreateContainerAsync(_scope.Spec(TestImages.Everything, "everything"), ct);
        await using (var channel = await runtime.AttachStdioAsync(id, ct))
        {
            await runtime.StartContainerAsync(id, ct);
            var client = new JsonRpcLineClient(channel);

            var initialize = await client.RequestAsync("initialize", new JsonObject
            {
                ["protocolVersion"] = "2025-06-18",
                ["capabilities"] = new JsonObject(),
                ["clientInfo"] = new JsonObject { ["name"] = "toolshed-tests", ["version"] = "1.0" },
            }, ct);
            Assert.NotNull(initialize["result"]?["serverInfo"]?["name"]);
            Assert.NotNull(initialize["result"]?["capabilities"]?["tools"]);
            await client.NotifyAsync("notifications/initialized", ct);

            var tools = await client.RequestAsync("tools/list", new JsonObject(), ct);
            var names = tools["result"]!["tools"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()).ToList();
            Assert.Contains("echo", names);

            var echo = await client.CallToolAsync("echo", new JsonObject { ["message"] = "hello from toolshed" }, ct);
            Assert.Contains("hello from toolshed", JsonRpcLineClient.ToolText(echo), StringComparison.Ordinal);

            var running = await runtime.InspectContainerAsync(id, ct);
            Assert.NotNull(running);
            Assert.True(running.IsRunning);
            Assert.StartsWith("Up ", running.Status, StringComparison.Ordinal);
            Assert.Equal(_scope.RunId, running.Labels[DockerTestScope.RunLabel]);

            await runtime.StopContainerAsync(id, TimeSpan.FromSeconds(5), ct);

            // The attach ends with the container: both readers complete.
            Assert.Null(await JsonRpcLineClient.ReadLineAsync(channel.Output, ct));
        }

        var stopped = await runtime.InspectContainerAsync(id, ct);
        Assert.NotNull(stopped);
        Assert.Equal("exited", stopped.State);
        Assert.StartsWith("Exited (", stopped.Status, StringComparison.Ordinal);
        Assert.EndsWith(" ago", stopped.Status, StringComparison.Ordinal);

        // Stopping again and removing twice are not errors.
        await runtime.StopContainerAsync(id, TimeSpan.FromSeconds(1), ct);
        await runtime.RemoveContainerAsync(id, force: true, ct);
        await runtime.RemoveContainerAsync(id, force: true, ct);

        Assert.Null(await runtime.InspectContainerAsync(id, ct));
        Assert.Empty(await runtime.ListContainersAsync(_scope.RunLabels, all: true, ct));
    }
}
