using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Toolshed.EndToEnd.Tests.Protocol;

/// <summary>Connects the official C# SDK client (ModelContextProtocol 2.4) to a workload's /mcp in a chosen era.</summary>
internal static class EraClient
{
    public const string Modern = "2026-07-28";
    public const string Legacy = "2025-11-25";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static async Task<McpClient> ConnectAsync(Uri endpoint, ClientEra era, McpClientHandlers? handlers = null)
    {
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = endpoint,
            TransportMode = HttpTransportMode.StreamableHttp,
        });
        var options = new McpClientOptions
        {
            ProtocolVersion = era switch
            {
                ClientEra.Modern => Modern,
                ClientEra.Legacy => Legacy,
                _ => null,
            },
            Handlers = handlers ?? new McpClientHandlers(),
        };
        return await McpClient.CreateAsync(transport, options, cancellationToken: Token);
    }

    /// <summary>The protocol version a client of <paramref name="era"/> must end up on in front of these servers.</summary>
    public static string VersionOf(ClientEra era) => era == ClientEra.Legacy ? Legacy : Modern;

    public static async Task<string> CallTextAsync(McpClient client, string tool, params (string Name, object? Value)[] arguments) =>
        Text(await CallAsync(client, tool, arguments));

    public static async Task<CallToolResult> CallAsync(
        McpClient client, string tool, (string Name, object? Value)[] arguments, IProgress<ProgressNotificationValue>? progress = null) =>
        await client.CallToolAsync(tool, arguments.ToDictionary(a => a.Name, a => a.Value), progress, cancellationToken: Token);

    public static string Text(CallToolResult result) =>
        string.Join("\n", result.Content.OfType<TextContentBlock>().Select(t => t.Text));
}
