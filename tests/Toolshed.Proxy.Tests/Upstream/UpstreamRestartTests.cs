using System.Net;
using System.Net.Sockets;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Toolshed.Core.Workloads;
using Toolshed.Proxy.Tests.Support;

namespace Toolshed.Proxy.Tests.Upstream;

/// <summary>A bridged HTTP backend that restarts: the proxy makes a new upstream connection and serves again.</summary>
public sealed class UpstreamRestartTests
{
    // Calls fail at once while the proxy waits out its short back-off before reconnecting; this bounds the retries.
    private const int MaxAttempts = 200;

    [Theory]
    [InlineData(McpTransport.StreamableHttp, "streamableHttp", "/mcp", HttpTransportMode.Sse)]
    [InlineData(McpTransport.Sse, "sse", "/sse", HttpTransportMode.StreamableHttp)]
    public async Task CallTool_UpstreamRestarted_SameClientServedAgain(
        McpTransport transport, string serverMode, string serverPath, HttpTransportMode clientMode)
    {
        var ct = TestContext.Current.CancellationToken;
        var port = FreePort();
        var server = await HttpServerProcess.StartEverythingAsync(serverMode, port);
        try
        {
            await using var harness = await ProxyHarness.StartAsync(null, o => o with
            {
                Transport = transport,
            }, upstream: new Uri($"http://127.0.0.1:{port}{serverPath}"));
            await using var client = await Clients.ConnectAsync(harness.Proxy, clientMode);
            await client.CallToolAsync("echo", Clients.Args(("message", "before")), cancellationToken: ct);

            await server.DisposeAsync();
            server = await HttpServerProcess.StartEverythingAsync(serverMode, port);
            var after = await CallUntilAnsweredAsync(client, ct);

            Assert.Contains("after", ((TextContentBlock)after.Content[0]).Text);
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    private static async Task<CallToolResult> CallUntilAnsweredAsync(McpClient client, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await client.CallToolAsync("echo", Clients.Args(("message", "after")), cancellationToken: ct);
            }
            catch (McpProtocolException) when (attempt < MaxAttempts)
            {
            }
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
