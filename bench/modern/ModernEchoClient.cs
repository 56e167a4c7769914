using System.Globalization;

namespace Toolshed.Bench.Modern;

/// <summary>
/// A 2026-07-28 caller: no initialize, no session; every tools/call one POST with its routing headers
/// (<c>Mcp-Method</c>, <c>Mcp-Name</c>), the protocol version header and the per-request <c>_meta</c>. An answer counts
/// when it is complete (<c>resultType</c>) and carries the message back.
/// </summary>
internal sealed class ModernEchoClient(Uri url, bool jsonOnly) : IEchoClient
{
    public const string ProtocolVersion = "2026-07-28";

    private const string Meta = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"" + ProtocolVersion
        + "\",\"io.modelcontextprotocol/clientCapabilities\":{},\"io.modelcontextprotocol/clientInfo\":{\"name\":\"toolshed-bench-modern\",\"version\":\"0.1.0\"}}";

    private readonly HttpClient _http = EchoWire.NewClient();
    private long _nextId;

    public async Task<bool> EchoAsync(string message, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);
        var body = "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{\"message\":\"" + message + "\"}," + Meta + "}}";
        var answer = await SendAsync("tools/call", "echo", body, cancellationToken);
        return answer is not null && EchoWire.Carries(answer, id, message)
            && answer.Contains("\"resultType\":\"complete\"", StringComparison.Ordinal);
    }

    public async Task<int> ListToolsAsync(CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);
        var answer = await SendAsync("tools/list", null, "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/list\",\"params\":{" + Meta + "}}", cancellationToken);
        return answer is not null && answer.Contains("\"tools\":", StringComparison.Ordinal)
            ? answer.Split("\"inputSchema\"").Length - 1
            : -1;
    }

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<string?> SendAsync(string method, string? name, string body, CancellationToken cancellationToken)
    {
        using var request = EchoWire.Post(url, body, jsonOnly);
        request.Headers.TryAddWithoutValidation("MCP-Protocol-Version", ProtocolVersion);
        request.Headers.TryAddWithoutValidation("Mcp-Method", method);
        if (name is not null)
        {
            request.Headers.TryAddWithoutValidation("Mcp-Name", name);
        }

        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        return response.IsSuccessStatusCode ? await EchoWire.ReadAnswerAsync(response, cancellationToken) : null;
    }
}
