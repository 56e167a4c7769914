using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Toolshed.Core.Workloads;
using Toolshed.Proxy.Tests.Support;

namespace Toolshed.Proxy.Tests.Forwarding;

/// <summary>sse and streamable-http backends forwarded by YARP, used through the proxy by the C# SDK client.</summary>
public sealed class HttpBackendForwardingTests
{
    [Theory]
    [InlineData(McpTransport.StreamableHttp, "streamableHttp", "/mcp", HttpTransportMode.StreamableHttp)]
    [InlineData(McpTransport.Sse, "sse", "/sse", HttpTransportMode.Sse)]
    public async Task CallTool_HttpBackend_ForwardedBothWays(McpTransport transport, string serverMode, string serverPath, HttpTransportMode clientMode)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await HttpServerProcess.StartEverythingAsync(serverMode);
        await using var harness = await ProxyHarness.StartAsync(null, o => o with
        {
            Transport = transport,
        }, upstream: new Uri($"http://127.0.0.1:{server.Port}{serverPath}"));
        await using var client = await Clients.ConnectAsync(harness.Proxy, clientMode);

        var tools = await client.ListToolsAsync(cancellationToken: ct);
        var echo = await client.CallToolAsync("echo", Clients.Args(("message", "through yarp")), cancellationToken: ct);
        var progress = new ProgressRecorder(expected: 2);
        await using var registration = client.RegisterNotificationHandler(NotificationMethods.ProgressNotification, progress.OnNotification);
        await client.CallToolAsync(
            "trigger-long-running-operation", Clients.Args(("duration", 0.2), ("steps", 2)), new Progress<ModelContextProtocol.ProgressNotificationValue>(), cancellationToken: ct);
        await progress.Reached.WaitAsync(TimeSpan.FromSeconds(60), ct);

        Assert.Contains(tools, t => t.Name == "echo");
        Assert.Contains("through yarp", ((TextContentBlock)echo.Content[0]).Text);
        Assert.Equal([2, 2], progress.Totals);
    }
}
