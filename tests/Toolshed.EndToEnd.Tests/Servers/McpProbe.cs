using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Toolshed.EndToEnd.Tests.Servers;

/// <summary>Talks to a workload through its proxy with the official C# SDK client.</summary>
internal static class McpProbe
{
    /// <summary>Connects over <paramref name="mode"/>, sending <paramref name="token"/> as a bearer token when given.</summary>
    public static async Task<McpClient> ConnectAsync(
        int port, HttpTransportMode mode = HttpTransportMode.StreamableHttp, string? token = null, McpClientOptions? options = null)
    {
        var path = mode == HttpTransportMode.Sse ? "sse" : "mcp";
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri($"http://127.0.0.1:{port}/{path}"),
            TransportMode = mode,
            AdditionalHeaders = token is null ? null : new Dictionary<string, string> { ["Authorization"] = "Bearer " + token },
        });
        return await McpClient.CreateAsync(transport, options, cancellationToken: TestContext.Current.CancellationToken);
    }

    public static async Task<string> EchoAsync(McpClient client, string message)
    {
        var result = await client.CallToolAsync(
            "echo", new Dictionary<string, object?> { ["message"] = message }, cancellationToken: TestContext.Current.CancellationToken);
        return Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;
    }
}
