using System.Text.Json.Nodes;
using Toolshed.Testing;

namespace Toolshed.Runtime.Docker.Tests;

public sealed class CSharpServerStdioTests : IAsyncLifetime
{
    private readonly DockerTestScope _scope = new();

    public ValueTask InitializeAsync()
    {
        DockerTestScope.RequireEngine();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _scope.DisposeAsync();

    [Theory]
    [InlineData(1024 * 1024)]
    [InlineData(16 * 1024 * 1024)]
    public async Task Payload_LargeLine_ArrivesWholeAsOneLine(int bytes)
    {
        using var timeout = DockerTestScope.Timeout(120);
        var ct = timeout.Token;
        var (id, channel) = await StartAttachedAsync("payload", ct);
        await using (channel)
        {
            var client = new JsonRpcLineClient(channel);
            await client.InitializeAsync(ct);

            var answer = await client.CallToolAsync("payload", new JsonObject { ["bytes"] = bytes }, ct);

            var text = JsonRpcLineClient.ToolText(answer);
            Assert.NotNull(text);
            Assert.Equal(bytes, text.Length);
            Assert.True(text.AsSpan().IndexOfAnyExcept('x') < 0, "the payload holds only 'x'");
        }

        await _scope.Runtime.RemoveContainerAsync(id, force: true, ct);
    }

    [Fact]
    public async Task Junk_NonJsonLineOnStdout_NextAnswerStillReadable()
    {
        using var timeout = DockerTestScope.Timeout();
        var ct = timeout.Token;
        var (_, channel) = await StartAttachedAsync("junk", ct);
        await using (channel)
        {
            var client = new JsonRpcLineClient(channel);
            await client.InitializeAsync(ct);

            await client.RequestAsync("tools/call", new JsonObject { ["name"] = "junk", ["arguments"] = new JsonObject() }, ct);
            var echo = await client.CallToolAsync("echo", new JsonObject { ["message"] = "after junk" }, ct);

            Assert.Equal("after junk", JsonRpcLineClient.ToolText(echo));
        }
    }

    [Fact]
    public async Task Exit_Code3_WaitForExitReturns3()
    {
        using var timeout = DockerTestScope.Timeout();
        var ct = timeout.Token;
        var (id, channel) = await StartAttachedAsync("exit", ct);
        await using (channel)
        {
            var client = new JsonRpcLineClient(channel);
            await client.InitializeAsync(ct);
            var exited = _scope.Runtime.WaitForExitAsync(id, ct);

            await JsonRpcLineClient.SendRawAsync(channel, """{"jsonrpc":"2.0","id":99,"method":"tools/call","params":{"name":"exit","arguments":{"code":3}}}""", ct);

            Assert.Equal(3, await exited);
            // The attach ends with the container, completing both readers; stderr kept the server's last words.
            while (await JsonRpcLineClient.ReadLineAsync(channel.Output, ct) is not null)
            {
            }

            var errors = new List<string>();
            while (await JsonRpcLineClient.ReadLineAsync(channel.Errors, ct) is { } line)
            {
                errors.Add(line);
            }

            Assert.Contains(errors, l => l.Contains("exiting with code 3", StringComparison.Ordinal));
        }

        var details = await _scope.Runtime.InspectContainerAsync(id, ct);
        Assert.NotNull(details);
        Assert.Equal(3, details.ExitCode);
        Assert.StartsWith("Exited (3)", details.Status, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AttachStdio_AlreadyRunningContainer_Converses()
    {
        using var timeout = DockerTestScope.Timeout();
        var ct = timeout.Token;
        var runtime = _scope.Runtime;
        var id = await runtime.CreateContainerAsync(_scope.Spec(TestImages.CSharpServer, "late-attach"), ct);
        await runtime.StartContainerAsync(id, ct);

        await using var channel = await runtime.AttachStdioAsync(id, ct);
        var client = new JsonRpcLineClient(channel);
        await client.InitializeAsync(ct);
        var echo = await client.CallToolAsync("echo", new JsonObject { ["message"] = "late" }, ct);

        Assert.Equal("late", JsonRpcLineClient.ToolText(echo));
    }

    private async Task<(string Id, Core.Runtime.IStdioChannel Channel)> StartAttachedAsync(string purpose, CancellationToken ct)
    {
        var runtime = _scope.Runtime;
        await runtime.EnsureImageAsync(TestImages.CSharpServer, progress: null, ct);
        var id = await runtime.CreateContainerAsync(_scope.Spec(TestImages.CSharpServer, purpose), ct);
        var channel = await runtime.AttachStdioAsync(id, ct);
        await runtime.StartContainerAsync(id, ct);
        return (id, channel);
    }
}
