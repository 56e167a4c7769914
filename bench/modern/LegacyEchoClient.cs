using System.Globalization;

namespace Toolshed.Bench.Modern;

/// <summary>
/// A 2025-era caller: one session (initialize, <c>Mcp-Session-Id</c>, notifications/initialized, not timed), then every
/// tools/call one POST on it with the session and protocol version headers; DELETE at the end.
/// </summary>
internal sealed class LegacyEchoClient : IEchoClient
{
    public const string ProtocolVersion = "2025-11-25";

    private readonly HttpClient _http;
    private readonly Uri _url;
    private readonly string _sessionId;
    private readonly bool _jsonOnly;
    private long _nextId;

    private LegacyEchoClient(HttpClient http, Uri url, string sessionId, bool jsonOnly)
    {
        _http = http;
        _url = url;
        _sessionId = sessionId;
        _jsonOnly = jsonOnly;
    }

    public static async Task<IEchoClient> ConnectAsync(Uri url, bool jsonOnly, CancellationToken cancellationToken)
    {
        var http = EchoWire.NewClient();
        try
        {
            const string initialize = "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"" + ProtocolVersion
                + "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"toolshed-bench-legacy\",\"version\":\"0.1.0\"}}}";
            using var request = EchoWire.Post(url, initialize, jsonOnly);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            response.EnsureSuccessStatusCode();
            var sessionId = response.Headers.TryGetValues("Mcp-Session-Id", out var values) ? values.First() : "";
            var answer = await EchoWire.ReadAnswerAsync(response, cancellationToken);
            if (sessionId.Length == 0 || !answer.Contains("\"result\"", StringComparison.Ordinal))
            {
                throw new InvalidOperationException("initialize failed: " + answer);
            }

            var client = new LegacyEchoClient(http, url, sessionId, jsonOnly);
            using var initialized = client.NewRequest("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
            using var accepted = await http.SendAsync(initialized, cancellationToken);
            accepted.EnsureSuccessStatusCode();
            return client;
        }
        catch
        {
            http.Dispose();
            throw;
        }
    }

    public async Task<bool> EchoAsync(string message, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);
        var body = "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{\"message\":\"" + message + "\"}}}";
        var answer = await SendAsync(body, cancellationToken);
        return answer is not null && EchoWire.Carries(answer, id, message);
    }

    public async Task<int> ListToolsAsync(CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);
        var answer = await SendAsync("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/list\"}", cancellationToken);
        return answer is not null && answer.Contains("\"tools\":", StringComparison.Ordinal)
            ? answer.Split("\"inputSchema\"").Length - 1
            : -1;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Delete, _url);
            request.Headers.TryAddWithoutValidation("Mcp-Session-Id", _sessionId);
            request.Headers.TryAddWithoutValidation("MCP-Protocol-Version", ProtocolVersion);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            using var response = await _http.SendAsync(request, timeout.Token);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            // The proxy is going away anyway; an unclosed session only waits for its idle expiry.
        }
        finally
        {
            _http.Dispose();
        }
    }

    private HttpRequestMessage NewRequest(string body)
    {
        var request = EchoWire.Post(_url, body, _jsonOnly);
        request.Headers.TryAddWithoutValidation("Mcp-Session-Id", _sessionId);
        request.Headers.TryAddWithoutValidation("MCP-Protocol-Version", ProtocolVersion);
        return request;
    }

    private async Task<string?> SendAsync(string body, CancellationToken cancellationToken)
    {
        using var request = NewRequest(body);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        return response.IsSuccessStatusCode ? await EchoWire.ReadAnswerAsync(response, cancellationToken) : null;
    }
}
