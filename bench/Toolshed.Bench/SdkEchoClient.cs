using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Toolshed.Bench;

/// <summary>The official C# SDK's <see cref="McpClient"/>, as MCP hosts built on it call tools.</summary>
internal sealed class SdkEchoClient(McpClient client, bool owned, string tool = "echo") : IEchoClient
{
    private static readonly McpClientOptions s_clientOptions = new()
    {
        ClientInfo = new Implementation { Name = "toolshed-bench", Version = "0.1.0" },
        InitializationTimeout = TimeSpan.FromSeconds(60),
    };

    /// <summary>Opens a session; <paramref name="tool"/> is the echo tool's name there (a group may prefix it).</summary>
    public static async Task<IEchoClient> ConnectHttpAsync(Uri url, string tool, CancellationToken cancellationToken)
    {
        var transport = new HttpClientTransport(
            new HttpClientTransportOptions { Endpoint = url, TransportMode = HttpTransportMode.StreamableHttp },
            new HttpClient(new SocketsHttpHandler()) { Timeout = TimeSpan.FromSeconds(60) },
            loggerFactory: null,
            ownsHttpClient: true);
        return new SdkEchoClient(await McpClient.CreateAsync(transport, s_clientOptions, loggerFactory: null, cancellationToken), owned: true, tool);
    }

    public static async Task<IEchoClient> ConnectStdioAsync(IReadOnlyList<string> command, CancellationToken cancellationToken)
    {
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "direct-stdio",
            Command = command[0],
            Arguments = [.. command.Skip(1)],
            ShutdownTimeout = TimeSpan.FromSeconds(10),
        });
        return new SdkEchoClient(await McpClient.CreateAsync(transport, s_clientOptions, loggerFactory: null, cancellationToken), owned: true);
    }

    public async Task<bool> EchoAsync(string message, CancellationToken cancellationToken)
    {
        var result = await client.CallToolAsync(
            tool, new Dictionary<string, object?> { ["message"] = message }, cancellationToken: cancellationToken);
        return result.IsError != true && result.Content is [TextContentBlock text, ..] && text.Text.EndsWith(message, StringComparison.Ordinal);
    }

    public async Task<int> ListToolsAsync(CancellationToken cancellationToken) =>
        (await client.ListToolsAsync(cancellationToken: cancellationToken)).Count;

    public async ValueTask DisposeAsync()
    {
        if (owned)
        {
            await client.DisposeAsync();
        }
    }
}
