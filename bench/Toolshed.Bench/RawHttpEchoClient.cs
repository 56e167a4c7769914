using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace Toolshed.Bench;

/// <summary>
/// A minimal Streamable HTTP client: initialize, then one POST per tools/call, the answer read as JSON or as SSE
/// (whichever the server chose). No GET stream, no schema types: as little client CPU as a real client can spend,
/// so the figures show the proxies rather than the client.
/// </summary>
internal sealed class RawHttpEchoClient : IEchoClient
{
    private const string ProtocolVersion = "2025-06-18";

    // Diagnostics only (the specification asks clients to accept both): BENCH_ACCEPT=json lets a server that honours
    // Accept answer with plain JSON, to weigh what its SSE framing costs.
    private static readonly bool s_jsonOnly = Environment.GetEnvironmentVariable("BENCH_ACCEPT") == "json";
    private readonly HttpClient _http;
    private readonly Uri _url;
    private readonly string _sessionId;
    private readonly string _tool;
    private long _nextId = 1;

    private RawHttpEchoClient(HttpClient http, Uri url, string sessionId, string tool)
    {
        _http = http;
        _url = url;
        _sessionId = sessionId;
        _tool = tool;
    }

    /// <summary>Opens a session; <paramref name="tool"/> is the echo tool's name there (a group may prefix it).</summary>
    public static async Task<IEchoClient> ConnectAsync(Uri url, string tool, CancellationToken cancellationToken)
    {
        var http = new HttpClient(new SocketsHttpHandler()) { Timeout = TimeSpan.FromSeconds(60) };
        try
        {
            const string initialize = """{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"toolshed-bench-raw","version":"0.1.0"}}}""";
            using var request = NewRequest(url, sessionId: null, initialize);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            response.EnsureSuccessStatusCode();
            var sessionId = response.Headers.TryGetValues("Mcp-Session-Id", out var values) ? values.First() : "";
            var answer = await ReadAnswerAsync(response, cancellationToken);
            if (!answer.Contains("\"result\"", StringComparison.Ordinal))
            {
                throw new InvalidOperationException("initialize failed: " + answer);
            }

            var client = new RawHttpEchoClient(http, url, sessionId, tool);
            using var initialized = NewRequest(url, sessionId, """{"jsonrpc":"2.0","method":"notifications/initialized"}""");
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
        var body = "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + _tool + "\",\"arguments\":{\"message\":\"" + message + "\"}}}";
        using var request = NewRequest(_url, _sessionId, body);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return false;
        }

        var answer = await ReadAnswerAsync(response, cancellationToken);
        return answer.Contains("\"id\":" + id, StringComparison.Ordinal) && answer.Contains(message, StringComparison.Ordinal)
            && !answer.Contains("\"error\"", StringComparison.Ordinal);
    }

    public async Task<int> ListToolsAsync(CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);
        using var request = NewRequest(_url, _sessionId, "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/list\"}");
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return -1;
        }

        var answer = await ReadAnswerAsync(response, cancellationToken);
        // Not a search for "error": tool schemas may carry the word.
        return answer.Contains("\"id\":" + id, StringComparison.Ordinal) && answer.Contains("\"result\":{\"tools\":", StringComparison.Ordinal)
            ? CountTools(answer)
            : -1;
    }

    /// <summary>Every tool has one inputSchema (a string search, not a parse: the client's cost stays small).</summary>
    internal static int CountTools(string answer)
    {
        var count = 0;
        for (var at = answer.IndexOf("\"inputSchema\"", StringComparison.Ordinal); at >= 0; at = answer.IndexOf("\"inputSchema\"", at + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Delete, _url);
            request.Headers.Add("Mcp-Session-Id", _sessionId);
            request.Headers.Add("MCP-Protocol-Version", ProtocolVersion);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            using var response = await _http.SendAsync(request, timeout.Token);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            // The server is going away anyway.
        }
        finally
        {
            _http.Dispose();
        }
    }

    private static HttpRequestMessage NewRequest(Uri url, string? sessionId, string json)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.Accept.ParseAdd("application/json");
        if (!s_jsonOnly)
        {
            request.Headers.Accept.ParseAdd("text/event-stream");
        }
        if (sessionId is { Length: > 0 })
        {
            request.Headers.Add("Mcp-Session-Id", sessionId);
            request.Headers.Add("MCP-Protocol-Version", ProtocolVersion);
        }

        return request;
    }

    /// <summary>The JSON-RPC response: the whole body, or for SSE the first event whose data carries a result or error.</summary>
    private static async Task<string> ReadAnswerAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentType?.MediaType != "text/event-stream")
        {
            return await response.Content.ReadAsStringAsync(cancellationToken);
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        // Read to the end so the connection goes back to the pool; bounded, an answer never needs more lines.
        var answer = "";
        for (var i = 0; i < 10_000; i++)
        {
            var line = await reader.ReadLineAsync(cancellationToken);
            if (line is null)
            {
                break;
            }

            if (answer.Length == 0 && line.StartsWith("data:", StringComparison.Ordinal)
                && (line.Contains("\"result\"", StringComparison.Ordinal) || line.Contains("\"error\"", StringComparison.Ordinal)))
            {
                answer = line;
            }
        }

        return answer;
    }
}
