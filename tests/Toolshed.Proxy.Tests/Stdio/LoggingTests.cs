using ModelContextProtocol.Client;
using Toolshed.Proxy.Tests.Support;

namespace Toolshed.Proxy.Tests.Stdio;

public sealed class LoggingTests
{
    [Fact]
    public async Task CallTool_SecretInArgumentsAndAnswer_NeverLoggedAtDebugOrAbove()
    {
        var ct = TestContext.Current.CancellationToken;
        const string Secret = "sk-live-7f3a9c1e5b";
        using var captured = new CapturingLoggerProvider();
        await using var harness = await ProxyHarness.StartAsync(TestServers.StartCSharpServer, extraLogger: captured);
        await using var client = await Clients.ConnectAsync(harness.Proxy, HttpTransportMode.StreamableHttp);

        await client.CallToolAsync("echo", Clients.Args(("message", Secret)), cancellationToken: ct);
        await client.CallToolAsync("junk", cancellationToken: ct);

        Assert.NotEmpty(captured.Lines);
        Assert.DoesNotContain(captured.Lines, line => line.Contains(Secret, StringComparison.Ordinal));
    }
}
