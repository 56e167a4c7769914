using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Toolshed.EndToEnd.Tests.Servers;

/// <summary>Talks to a workload through its proxy with the official C# SDK client.</summary>
internal static class McpProbe
{
    /// <summary>Options that pin the client to a 2025-11-25 session: for tests of what only sessions do (list_changed on
    /// the session's own stream, sessions counted on the members). A 2026-07-28 client hears changes only on a
    /// subscriptions/listen stream, which the C# SDK client does not open by itself.</summary>
    public static McpClientOptions Legacy() => new() { ProtocolVersion = "2025-11-25" };

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
