using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Toolshed.Core.Errors;
using Toolshed.Core.Runtime;
using Toolshed.Core.Workloads;
using Toolshed.Proxy.Tests.Support;

namespace Toolshed.Proxy.Tests.Upstream;

/// <summary>
/// An HTTP workload's proxy is one listener for its whole life: bound by StartAsync before any upstream exists, answering
/// as a server-less stdio proxy does while detached, and pointed at each new upstream (a restarted container) by
/// AttachAsync, without the old upstream's sessions reaching the new one.
/// </summary>
public sealed class HttpReattachTests
{
    private const string Initialize =
        """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}""";

    private const string Ping = """{"jsonrpc":"2.0","id":2,"method":"ping"}""";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(McpTransport.StreamableHttp)]
    [InlineData(McpTransport.Sse)]
    public async Task StartAsync_HttpTransportNoUpstream_PortBoundAndAnswersNotRunning(McpTransport transport)
    {
        await using var harness = await ProxyHarness.StartAsync(null, o => o with { Transport = transport });
        using var http = new HttpClient { BaseAddress = harness.Proxy.BaseUrl };

        using var answer = await RawMcpCalls.PostAsync(http, "mcp", session: null, Initialize);
        var body = await answer.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("-32000", body, StringComparison.Ordinal);
        Assert.Contains("not running", body, StringComparison.Ordinal);
        Assert.False(harness.Proxy.IsBackendAttached);
        AssertPortTaken(harness.Proxy.Port);
    }

    [Fact]
    public async Task DetachAsync_ForwardedUpstream_PortStaysBoundAndAnswersNotRunning()
    {
        await using var server = await HttpServerProcess.StartEverythingAsync("streamableHttp");
        await using var harness = await ProxyHarness.StartAsync(
            null, o => o with { Transport = McpTransport.StreamableHttp }, upstream: Endpoint(server));
        using var http = new HttpClient { BaseAddress = harness.Proxy.BaseUrl };
        await RawMcpCalls.InitializeAsync(http);

        await harness.Proxy.DetachAsync();
        using var answer = await RawMcpCalls.PostAsync(http, "mcp", session: null, Initialize);

        Assert.Contains("not running", await answer.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        AssertPortTaken(harness.Proxy.Port);
    }

    [Fact]
    public async Task AttachAsync_SecondForwardedUpstream_ServesItAndOldSessionIsNotReused()
    {
        await using var first = await HttpServerProcess.StartEverythingAsync("streamableHttp");
        await using var second = await HttpServerProcess.StartEverythingAsync("streamableHttp");
        await using var harness = await ProxyHarness.StartAsync(
            null, o => o with { Transport = McpTransport.StreamableHttp }, upstream: Endpoint(first));
        var port = harness.Proxy.Port;
        using var http = new HttpClient { BaseAddress = harness.Proxy.BaseUrl };
        var oldSession = await RawMcpCalls.InitializeAsync(http);

        await harness.Proxy.DetachAsync();
        await harness.Proxy.AttachAsync(new HttpUpstream(Endpoint(second)), Ct);
        using var stale = await RawMcpCalls.PostAsync(http, "mcp", oldSession, Ping);
        await using var client = await Clients.ConnectAsync(harness.Proxy, HttpTransportMode.StreamableHttp);
        var echo = await client.CallToolAsync("echo", Clients.Args(("message", "second")), cancellationToken: Ct);

        // The new server never handed that session out: it refuses it (the TypeScript SDK says 400, others 404).
        Assert.Contains(stale.StatusCode, new[] { HttpStatusCode.BadRequest, HttpStatusCode.NotFound });
        Assert.Contains("second", ((TextContentBlock)echo.Content[0]).Text);
        Assert.Equal(port, harness.Proxy.Port);
    }

    [Theory]
    [InlineData("sse", "/sse", HttpTransportMode.StreamableHttp)]
    [InlineData("streamableHttp", "/mcp", HttpTransportMode.Sse)]
    public async Task AttachAsync_SecondBridgedUpstream_SameClientServedByIt(string serverMode, string serverPath, HttpTransportMode clientMode)
    {
        // The server speaks the other transport than the client, so the proxy's own client of it (the bridge) serves.
        var transport = serverMode == "sse" ? McpTransport.Sse : McpTransport.StreamableHttp;
        var first = await HttpServerProcess.StartEverythingAsync(serverMode);
        var firstStopped = false;
        try
        {
            await using var second = await HttpServerProcess.StartEverythingAsync(serverMode);
            await using var harness = await ProxyHarness.StartAsync(
                null, o => o with { Transport = transport }, upstream: new Uri($"http://127.0.0.1:{first.Port}{serverPath}"));
            await using var client = await Clients.ConnectAsync(harness.Proxy, clientMode);
            await client.CallToolAsync("echo", Clients.Args(("message", "first")), cancellationToken: Ct);

            await harness.Proxy.DetachAsync();
            firstStopped = true;
            await first.DisposeAsync();
            await harness.Proxy.AttachAsync(new HttpUpstream(new Uri($"http://127.0.0.1:{second.Port}{serverPath}")), Ct);
            var echo = await CallUntilConnectedAsync(client);

            Assert.Contains("second", ((TextContentBlock)echo.Content[0]).Text);
        }
        finally
        {
            if (!firstStopped)
            {
                await first.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task StartAsync_HttpTransportPortInUse_ThrowsConflict()
    {
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var port = ((IPEndPoint)occupant.LocalEndpoint).Port;
        await using var services = ProxyHarness.CreateServices();
        var factory = services.GetRequiredService<WorkloadProxyFactory>();

        await Assert.ThrowsAsync<ConflictException>(() => factory.StartAsync(
            new WorkloadProxyOptions { WorkloadName = "taken", Port = port, Transport = McpTransport.StreamableHttp }, Ct));
    }

    [Fact]
    public async Task AttachAsync_StdioChannelToHttpProxy_Throws()
    {
        await using var harness = await ProxyHarness.StartAsync(null, o => o with { Transport = McpTransport.StreamableHttp });
        await using var channel = TestServers.StartCSharpServer();

        await Assert.ThrowsAsync<InvalidOperationException>(() => harness.Proxy.AttachAsync(new StdioUpstream(channel), Ct));
    }

    private static Uri Endpoint(HttpServerProcess server) => new($"http://127.0.0.1:{server.Port}/mcp");

    private static void AssertPortTaken(int port)
    {
        using var probe = new TcpListener(IPAddress.Loopback, port);
        var error = Assert.Throws<SocketException>(probe.Start);
        Assert.Equal(SocketError.AddressAlreadyInUse, error.SocketErrorCode);
    }

    // The bridge connects to the new upstream in the background; until it has, calls fail at once with -32000.
    private static async Task<CallToolResult> CallUntilConnectedAsync(McpClient client)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await client.CallToolAsync("echo", Clients.Args(("message", "second")), cancellationToken: Ct);
            }
            catch (ModelContextProtocol.McpProtocolException) when (attempt < 200)
            {
            }
        }
    }
}
