using System.Text.Json.Nodes;
using Toolshed.Core.Runtime;
using Toolshed.Runtime.Docker.Engine;
using Toolshed.Testing;

namespace Toolshed.Runtime.Docker.Tests;

public sealed class ListAndLogsTests : IAsyncLifetime
{
    private readonly DockerTestScope _scope = new();
    private readonly DockerTestScope _otherScope = new();

    public ValueTask InitializeAsync()
    {
        DockerTestScope.RequireEngine();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _scope.DisposeAsync();
        await _otherScope.DisposeAsync();
    }

    [Fact]
    public async Task ListContainers_ByRunLabel_ReturnsOnlyOurs()
    {
        using var timeout = DockerTestScope.Timeout();
        var ct = timeout.Token;
        var ours = await _scope.Runtime.CreateContainerAsync(
            _scope.Spec(TestImages.CSharpServer, "list") with
            {
                NetworkMode = "bridge",
                PortBindings = [new ContainerPortBinding(8080)],
            },
            ct);
        var theirs = await _otherScope.Runtime.CreateContainerAsync(_otherScope.Spec(TestImages.CSharpServer, "list-other"), ct);
        await _scope.Runtime.StartContainerAsync(ours, ct);

        var running = await _scope.Runtime.ListContainersAsync(_scope.RunLabels, all: false, ct);
        var all = await _scope.Runtime.ListContainersAsync(_scope.RunLabels, all: true, ct);
        var otherRunning = await _otherScope.Runtime.ListContainersAsync(_otherScope.RunLabels, all: false, ct);
        var otherAll = await _otherScope.Runtime.ListContainersAsync(_otherScope.RunLabels, all: true, ct);

        var mine = Assert.Single(running);
        Assert.Equal(ours, mine.Id);
        Assert.Equal("running", mine.State);
        Assert.StartsWith("Up ", mine.Status, StringComparison.Ordinal);
        var port = Assert.Single(mine.Ports);
        Assert.Equal(8080, port.ContainerPort);
        Assert.NotEqual(0, port.HostPort);
        Assert.Equal("127.0.0.1", port.HostIp);
        Assert.Equal(ours, Assert.Single(all).Id);
        Assert.Empty(otherRunning);
        Assert.Equal(theirs, Assert.Single(otherAll).Id);

        var inspected = await _scope.Runtime.InspectContainerAsync(ours, ct);
        Assert.NotNull(inspected);
        Assert.Equal(port.HostPort, Assert.Single(inspected.Ports).HostPort);
    }

    [Fact]
    public async Task GetLogs_StderrTool_SplitByStream()
    {
        using var timeout = DockerTestScope.Timeout();
        var ct = timeout.Token;
        var runtime = _scope.Runtime;
        var id = await runtime.CreateContainerAsync(_scope.Spec(TestImages.CSharpServer, "logs"), ct);
        await using (var channel = await runtime.AttachStdioAsync(id, ct))
        {
            await runtime.StartContainerAsync(id, ct);
            var client = new JsonRpcLineClient(channel);
            await client.InitializeAsync(ct);
            await client.CallToolAsync("stderr", new JsonObject { ["message"] = "a line for the logs" }, ct);
            await client.CallToolAsync("echo", new JsonObject { ["message"] = "on stdout" }, ct);
        }

        await runtime.StopContainerAsync(id, TimeSpan.FromSeconds(5), ct);

        var lines = new List<WorkloadLogLine>();
        await foreach (var line in runtime.GetLogsAsync(id, new WorkloadLogOptions { Tail = null }, ct))
        {
            lines.Add(line);
        }

        Assert.Contains(new WorkloadLogLine(WorkloadLogStream.Stderr, "a line for the logs"), lines);
        Assert.DoesNotContain(lines, l => l.Stream == WorkloadLogStream.Stdout && l.Text.Contains("a line for the logs", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Stream == WorkloadLogStream.Stdout && l.Text.Contains("on stdout", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Stream == WorkloadLogStream.Stderr && l.Text.Contains("on stdout", StringComparison.Ordinal));

        var tail = new List<WorkloadLogLine>();
        await foreach (var line in runtime.GetLogsAsync(id, new WorkloadLogOptions { Tail = 1, Stdout = false }, ct))
        {
            tail.Add(line);
        }

        Assert.All(tail, l => Assert.Equal(WorkloadLogStream.Stderr, l.Stream));
        Assert.True(tail.Count <= 1);
    }
}
