using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;
using Toolshed.Proxy.Tests.Support;

namespace Toolshed.Proxy.Tests;

/// <summary>
/// Connects the official C# SDK client to a proxy over the transport under test. In the root test namespace (not
/// Support) so that <c>Clients.X</c> in a test finds this class before the <c>Toolshed.Clients</c> namespace.
/// </summary>
internal static class Clients
{
    private static readonly ILoggerFactory s_loggerFactory =
        LoggerFactory.Create(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(new TestOutputLoggerProvider()));

    public static Task<McpClient> ConnectAsync(WorkloadProxy proxy, HttpTransportMode mode, McpClientOptions? options = null)
    {
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = mode == HttpTransportMode.Sse ? proxy.SseUrl : proxy.McpUrl,
            TransportMode = mode,
        }, s_loggerFactory);
        return McpClient.CreateAsync(transport, options, s_loggerFactory, TestContext.Current.CancellationToken);
    }

    /// <summary>Options that pin the client to 2025-11-25 sessions (no server/discover probe): for tests of what only
    /// that era does, such as forwarding a session to an HTTP server as is.</summary>
    public static McpClientOptions Legacy(McpClientOptions? options = null)
    {
        options ??= new McpClientOptions();
        options.ProtocolVersion = "2025-11-25";
        return options;
    }

    /// <summary>Options that pin the client to 2026-07-28 stateless requests.</summary>
    public static McpClientOptions Modern(McpClientOptions? options = null)
    {
        options ??= new McpClientOptions();
        options.ProtocolVersion = "2026-07-28";
        return options;
    }

    public static IReadOnlyDictionary<string, object?> Args(params (string Name, object? Value)[] arguments) =>
        arguments.ToDictionary(a => a.Name, a => a.Value);
}
