using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Toolshed.Core.Workloads;
using Toolshed.Proxy.Tests.Support;

namespace Toolshed.Proxy.Tests.Upstream;

/// <summary>
/// sse and streamable-http backends used through the transport they do NOT speak: the proxy's stdio bridge acts as
/// their client over an HttpUpstreamChannel, and the C# SDK client talks to the proxy.
/// </summary>
public sealed class BridgedHttpBackendTests
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(60);

    public static TheoryData<McpTransport, string, string, HttpTransportMode> OtherTransport => new()
    {
        { McpTransport.StreamableHttp, "streamableHttp", "/mcp", HttpTransportMode.Sse },
        { McpTransport.Sse, "sse", "/sse", HttpTransportMode.StreamableHttp },
    };

    [Theory]
    [MemberData(nameof(OtherTransport))]
    public async Task CallTool_ClientOnOtherTransportThanServer_ListsEchoesAndReportsProgress(
        McpTransport transport, string serverMode, string serverPath, HttpTransportMode clientMode)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await HttpServerProcess.StartEverythingAsync(serverMode);
        await using var harness = await StartProxyAsync(transport, server.Port, serverPath);
        await using var client = await Clients.ConnectAsync(harness.Proxy, clientMode);

        var tools = await client.ListToolsAsync(cancellationToken: ct);
        var echo = await client.CallToolAsync("echo", Clients.Args(("message", "across transports")), cancellationToken: ct);
        var progress = new ProgressRecorder(expected: 2);
        await using var registration = client.RegisterNotificationHandler(NotificationMethods.ProgressNotification, progress.OnNotification);
        await client.CallToolAsync(
            "trigger-long-running-operation", Clients.Args(("duration", 0.2), ("steps", 2)), new Progress<ProgressNotificationValue>(), cancellationToken: ct);
        await progress.Reached.WaitAsync(s_wait, ct);

        Assert.Contains(tools, t => t.Name == "echo");
        Assert.Contains("across transports", ((TextContentBlock)echo.Content[0]).Text);
        Assert.Equal([2, 2], progress.Totals);
    }

    [Theory]
    [MemberData(nameof(OtherTransport))]
    public async Task CallTool_TwoClientsOnOtherTransport_EachGetsItsOwnAnswers(
        McpTransport transport, string serverMode, string serverPath, HttpTransportMode clientMode)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await HttpServerProcess.StartEverythingAsync(serverMode);
        await using var harness = await StartProxyAsync(transport, server.Port, serverPath);
        await using var first = await Clients.ConnectAsync(harness.Proxy, clientMode);
        await using var second = await Clients.ConnectAsync(harness.Proxy, clientMode);

        var calls = Enumerable.Range(0, 20).Select(async i =>
        {
            var client = i % 2 == 0 ? first : second;
            var result = await client.CallToolAsync("echo", Clients.Args(("message", $"call {i}")), cancellationToken: ct);
            return (i, Text: ((TextContentBlock)result.Content[0]).Text);
        });
        var answers = await Task.WhenAll(calls);

        Assert.All(answers, a => Assert.EndsWith($"call {a.i}", a.Text));
    }

    [Theory]
    [MemberData(nameof(OtherTransport))]
    public async Task CallTool_UpstreamStoppedMidCall_FailsWithJsonRpcError(
        McpTransport transport, string serverMode, string serverPath, HttpTransportMode clientMode)
    {
        var ct = TestContext.Current.CancellationToken;
        var server = await HttpServerProcess.StartEverythingAsync(serverMode);
        var serverStopped = false;
        try
        {
            await using var harness = await StartProxyAsync(transport, server.Port, serverPath);
            await using var client = await Clients.ConnectAsync(harness.Proxy, clientMode);
            var progress = new ProgressRecorder(expected: 1);
            await using var registration = client.RegisterNotificationHandler(NotificationMethods.ProgressNotification, progress.OnNotification);

            var call = client.CallToolAsync(
                "trigger-long-running-operation", Clients.Args(("duration", 120), ("steps", 120)), new Progress<ProgressNotificationValue>(), cancellationToken: ct).AsTask();
            await progress.Reached.WaitAsync(s_wait, ct);
            serverStopped = true;
            await server.DisposeAsync();

            await Assert.ThrowsAsync<McpProtocolException>(() => call.WaitAsync(s_wait, ct));
        }
        finally
        {
            if (!serverStopped)
            {
                await server.DisposeAsync();
            }
        }
    }

    private static Task<ProxyHarness> StartProxyAsync(McpTransport transport, int port, string serverPath) =>
        ProxyHarness.StartAsync(null, o => o with
        {
            Transport = transport,
        }, upstream: new Uri($"http://127.0.0.1:{port}{serverPath}"));
}
