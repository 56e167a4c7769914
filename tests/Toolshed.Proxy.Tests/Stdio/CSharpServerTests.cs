using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Toolshed.Proxy.Tests.Support;

namespace Toolshed.Proxy.Tests.Stdio;

/// <summary>The C# test server behind the stdio bridge: volume, large lines, junk on stdout, and a dying backend.</summary>
public sealed class CSharpServerTests
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Echo_FiftySessionsTwoHundredCallsEach_EveryAnswerReachesItsAsker()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await ProxyHarness.StartAsync(TestServers.StartCSharpServer);
        var clients = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Clients.ConnectAsync(harness.Proxy, HttpTransportMode.StreamableHttp)));
        try
        {
            var sessions = clients.Select(async (client, session) =>
            {
                var answers = new List<string>(200);
                for (var call = 0; call < 200; call++)
                {
                    var result = await client.CallToolAsync("echo", Clients.Args(("message", $"s{session}-c{call}")), cancellationToken: ct);
                    answers.Add(((TextContentBlock)result.Content[0]).Text);
                }

                return answers;
            });
            var all = await Task.WhenAll(sessions).WaitAsync(s_wait, ct);

            for (var session = 0; session < all.Length; session++)
            {
                Assert.Equal(Enumerable.Range(0, 200).Select(call => $"s{session}-c{call}"), all[session]);
            }
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    [Theory]
    [InlineData(HttpTransportMode.StreamableHttp)]
    [InlineData(HttpTransportMode.Sse)]
    public async Task Payload_SixteenMebibytes_ArrivesWhole(HttpTransportMode mode)
    {
        var ct = TestContext.Current.CancellationToken;
        const int Size = 16 * 1024 * 1024;
        await using var harness = await ProxyHarness.StartAsync(TestServers.StartCSharpServer);
        await using var client = await Clients.ConnectAsync(harness.Proxy, mode);

        var result = await client.CallToolAsync("payload", Clients.Args(("bytes", Size)), cancellationToken: ct).AsTask().WaitAsync(s_wait, ct);

        var text = ((TextContentBlock)result.Content[0]).Text;
        Assert.Equal(Size, text.Length);
        Assert.True(text.All(c => c == 'x'));
    }

    [Fact]
    public async Task Junk_NonJsonLineOnStdout_IsSkippedAndSessionGoesOn()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await ProxyHarness.StartAsync(TestServers.StartCSharpServer);
        await using var client = await Clients.ConnectAsync(harness.Proxy, HttpTransportMode.StreamableHttp);

        var junk = await client.CallToolAsync("junk", cancellationToken: ct);
        var echo = await client.CallToolAsync("echo", Clients.Args(("message", "still here")), cancellationToken: ct);

        Assert.Equal("wrote a junk line", ((TextContentBlock)junk.Content[0]).Text);
        Assert.Equal("still here", ((TextContentBlock)echo.Content[0]).Text);
    }

    [Theory]
    [InlineData(HttpTransportMode.StreamableHttp)]
    [InlineData(HttpTransportMode.Sse)]
    public async Task Exit_BackendDiesMidCall_OpenRequestsFailWithJsonRpcError(HttpTransportMode mode)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await ProxyHarness.StartAsync(TestServers.StartCSharpServer);
        await using var client = await Clients.ConnectAsync(harness.Proxy, mode);
        var sleeping = client.CallToolAsync("sleep", Clients.Args(("milliseconds", 600_000)), cancellationToken: ct).AsTask();

        var exit = client.CallToolAsync("exit", Clients.Args(("code", 3)), cancellationToken: ct).AsTask();

        var error = await Assert.ThrowsAsync<McpProtocolException>(() => sleeping.WaitAsync(s_wait, ct));
        Assert.Contains("exited", error.Message);
        await Assert.ThrowsAsync<McpProtocolException>(() => exit.WaitAsync(s_wait, ct));
        Assert.False(harness.Proxy.IsBackendAttached);
    }

    [Fact]
    public async Task AttachAsync_AfterRestart_ServesTheNewProcess()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await ProxyHarness.StartAsync(TestServers.StartCSharpServer);
        await using var client = await Clients.ConnectAsync(harness.Proxy, HttpTransportMode.StreamableHttp);
        await client.CallToolAsync("echo", Clients.Args(("message", "before")), cancellationToken: ct);
        var old = harness.Backend!;
        await harness.Proxy.DetachAsync();
        await old.DisposeAsync();

        await harness.AttachAsync(TestServers.StartCSharpServer());
        var after = await client.CallToolAsync("echo", Clients.Args(("message", "after")), cancellationToken: ct);

        Assert.Equal("after", ((TextContentBlock)after.Content[0]).Text);
    }
}
