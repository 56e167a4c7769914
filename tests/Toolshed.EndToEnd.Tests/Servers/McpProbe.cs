using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Toolshed.EndToEnd.Tests.Servers;

/// <summary>Talks to a workload through its proxy with the official C# SDK client.</summary>
internal static class McpProbe
{
    public static async Task<McpClient> ConnectAsync(int port, HttpTransportMode mode = HttpTransportMode.StreamableHttp)
    {
        var path = mode == HttpTransportMode.Sse ? "sse" : "mcp";
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri($"http://127.0.0.1:{port}/{path}"),
            TransportMode = mode,
        });
        return await McpClient.CreateAsync(transport, cancellationToken: TestContext.Current.CancellationToken);
    }

    public static async Task<string> EchoAsync(McpClient client, string message)
    {
        var result = await client.CallToolAsync(
            "echo", new Dictionary<string, object?> { ["message"] = message }, cancellationToken: TestContext.Current.CancellationToken);
        return Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;
    }
}
