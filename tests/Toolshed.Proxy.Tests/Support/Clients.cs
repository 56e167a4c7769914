using ModelContextProtocol.Client;

namespace Toolshed.Proxy.Tests.Support;

/// <summary>Connects the official C# SDK client to a proxy over the transport under test.</summary>
internal static class Clients
{
    public static Task<McpClient> ConnectAsync(WorkloadProxy proxy, HttpTransportMode mode, McpClientOptions? options = null)
    {
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = mode == HttpTransportMode.Sse ? proxy.SseUrl : proxy.McpUrl,
            TransportMode = mode,
        });
        return McpClient.CreateAsync(transport, options, cancellationToken: TestContext.Current.CancellationToken);
    }

    public static IReadOnlyDictionary<string, object?> Args(params (string Name, object? Value)[] arguments) =>
        arguments.ToDictionary(a => a.Name, a => a.Value);
}
