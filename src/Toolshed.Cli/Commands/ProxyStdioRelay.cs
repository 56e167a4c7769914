using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Toolshed.Cli.Commands;

/// <summary>
/// A minimal Streamable HTTP client loop: POSTs each JSON-RPC line read from stdin (concurrently, so a server request
/// made during a long tool call can be answered), writes JSON answers and SSE events to stdout one per line, keeps
/// the session id, and listens on a GET stream for server-initiated messages once the session is initialized.
/// </summary>
internal sealed class ProxyStdioRelay : IDisposable
{
    private const string SessionHeader = "Mcp-Session-Id";
    private const string ProtocolHeader = "MCP-Protocol-Version";
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Uri _endpoint;
    private readonly TextReader _input;
    private readonly TextWriter _output;
    private readonly TextWriter _error;
    private string? _sessionId;
    private string? _protocolVersion;

    public ProxyStdioRelay(Uri endpoint, TextReader input, TextWriter output, TextWriter error)
    {
        _endpoint = endpoint;
        _input = input;
        _output = output;
        _error = error;
    }

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token);
        var pending = new List<Task>();
        Task? listener = null;
        while (await _input.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Trim().Length == 0)
            {
                continue;
            }

            var message = TryParse(line);
            if (message?["method"]?.GetValueKind() == JsonValueKind.String && (string?)message["method"] == "initialize")
            {
                // The session id comes with the initialize answer: everything after it must carry it.
                await PostAsync(line, message, cancellationToken);
            }
            else
            {
                if ((string?)message?["method"] == "notifications/initialized" && listener is null)
                {
                    await PostAsync(line, message, cancellationToken);
                    listener = ListenAsync(linked.Token);
                    continue;
                }

                pending.RemoveAll(task => task.IsCompleted);
                pending.Add(PostAsync(line, message, cancellationToken));
            }
        }

        await Task.WhenAll(pending);
        await _stop.CancelAsync();
        if (listener is not null)
        {
            await listener;
        }

        await EndSessionAsync();
        return ShedApp.ExitOk;
    }

    public void Dispose()
    {
        _http.Dispose();
        _writeGate.Dispose();
        _stop.Dispose();
    }

    private static JsonNode? TryParse(string line)
    {
        try
        {
            return JsonNode.Parse(line);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private HttpRequestMessage Request(HttpMethod method, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, _endpoint) { Content = content };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (_sessionId is not null)
        {
            request.Headers.TryAddWithoutValidation(SessionHeader, _sessionId);
        }

        if (_protocolVersion is not null)
        {
            request.Headers.TryAddWithoutValidation(ProtocolHeader, _protocolVersion);
        }

        return request;
    }

    private async Task PostAsync(string line, JsonNode? message, CancellationToken cancellationToken)
    {
        try
        {
            using var request = Request(HttpMethod.Post, new StringContent(line, Encoding.UTF8, "application/json"));
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (response.Headers.TryGetValues(SessionHeader, out var ids))
            {
                _sessionId ??= ids.FirstOrDefault();
            }

            if (!response.IsSuccessStatusCode)
            {
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                await FailAsync(message, $"the workload answered {(int)response.StatusCode} {response.ReasonPhrase}: {body}");
                return;
            }

            if (response.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.NoContent)
            {
                return;
            }

            await RelayBodyAsync(response, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            await FailAsync(message, $"cannot reach the workload at {_endpoint}: {ex.Message}");
        }
    }

    /// <summary>The standalone GET stream: server requests and notifications not tied to a POST.</summary>
    private async Task ListenAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var request = Request(HttpMethod.Get);
            request.Headers.Accept.Clear();
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                await RelayBodyAsync(response, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or HttpRequestException or IOException)
        {
            // The stream ends when stdin closes (cancelled) or the workload goes away; POSTs report real failures.
        }
    }

    private async Task RelayBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentType?.MediaType == "text/event-stream")
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var data = new StringBuilder();
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                if (line.Length == 0)
                {
                    if (data.Length > 0)
                    {
                        await WriteAsync(data.ToString());
                        data.Clear();
                    }
                }
                else if (line.StartsWith("data:", StringComparison.Ordinal))
                {
                    data.Append(data.Length > 0 ? "\n" : "").Append(line.AsSpan(line.StartsWith("data: ", StringComparison.Ordinal) ? 6 : 5));
                }
            }

            return;
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (body.Trim().Length > 0)
        {
            await WriteAsync(body);
        }
    }

    private async Task WriteAsync(string json)
    {
        var node = TryParse(json);
        if (node?["result"]?["protocolVersion"] is JsonValue version && version.GetValueKind() == JsonValueKind.String)
        {
            _protocolVersion ??= (string?)version;
        }

        // One message per line: re-serialize so a pretty-printed answer cannot span lines.
        var line = node?.ToJsonString() ?? json.ReplaceLineEndings(" ");
        await _writeGate.WaitAsync();
        try
        {
            await _output.WriteLineAsync(line);
            await _output.FlushAsync();
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Reports a failed POST on stderr and, for a request, as a JSON-RPC error the client can match.</summary>
    private async Task FailAsync(JsonNode? message, string problem)
    {
        await _error.WriteLineAsync($"shed proxy: {problem}");
        if (message?["id"] is { } id && message["method"] is not null)
        {
            var error = new JsonObject
            {
                ["jsonrpc"] = "2.0",
                ["id"] = id.DeepClone(),
                ["error"] = new JsonObject { ["code"] = -32000, ["message"] = problem },
            };
            await WriteAsync(error.ToJsonString());
        }
    }

    private async Task EndSessionAsync()
    {
        if (_sessionId is null)
        {
            return;
        }

        try
        {
            using var request = Request(HttpMethod.Delete);
            using var response = await _http.SendAsync(request, CancellationToken.None);
        }
        catch (HttpRequestException)
        {
            // The session expires on its own.
        }
    }
}
