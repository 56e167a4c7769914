using System.Net.Http.Json;
using System.Text.Json;
using Toolshed.Cli.Output;
using Toolshed.Server.Api;

namespace Toolshed.Cli.Mcp;

/// <summary>
/// One MCP `initialize` through a workload's proxy, read to its JSON-RPC answer (JSON or an SSE stream); the session
/// it opened is ended again. Only a result counts as ready: the proxy's own "not running" error does not.
/// </summary>
internal static class McpReadinessProbe
{
    public const string ProtocolVersion = "2025-06-18";
    private const string SessionHeader = "Mcp-Session-Id";

    // The proxy's code for "the MCP server is not running" (Toolshed.Proxy's McpProtocol.ServerGone).
    private const int ServerGone = -32000;
    private const int MaxAnswerBytes = 1024 * 1024;
    private static readonly TimeSpan s_attemptTimeout = TimeSpan.FromSeconds(10);

    public static async Task<InitializeAttempt> TryInitializeAsync(HttpClient http, Uri mcpUrl, CancellationToken cancellationToken)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(s_attemptTimeout);
        var body = new McpInitializeRequest("2.0", 1, "initialize", new McpInitializeParams(
            ProtocolVersion, new Dictionary<string, string>(), new McpClientInfo("shed", SystemEndpoints.ProductVersion)));
        using var request = new HttpRequestMessage(HttpMethod.Post, mcpUrl)
        {
            Content = JsonContent.Create(body, CliJsonContext.Default.McpInitializeRequest),
        };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attempt.Token);
            if (!response.IsSuccessStatusCode)
            {
                return InitializeAttempt.NotYet($"the proxy answered HTTP {(int)response.StatusCode}");
            }

            var answer = await ReadAnswerAsync(response, attempt.Token);
            if (response.Headers.TryGetValues(SessionHeader, out var values) && values.FirstOrDefault() is { Length: > 0 } session)
            {
                await EndSessionAsync(http, mcpUrl, session, cancellationToken);
            }

            return Classify(answer);
        }
        catch (HttpRequestException ex)
        {
            return InitializeAttempt.NotYet(ex.Message);
        }
        catch (Exception ex) when (ex is System.Net.Sockets.SocketException or IOException)
        {
            // A connection the listener reset while it was being made can surface unwrapped (SocketException 107 from
            // the connection's RemoteEndPoint in .NET's HttpClient): not ready yet, like any refused connection.
            return InitializeAttempt.NotYet(ex.Message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return InitializeAttempt.NotYet($"no answer within {s_attemptTimeout.TotalSeconds:0} s");
        }
    }

    /// <summary>Sorts a JSON-RPC answer: a result is ready, the proxy's "not running" is not yet, any other error (and a
    /// refused access) is final.</summary>
    internal static InitializeAttempt Classify(JsonElement? answer)
    {
        if (answer is not { ValueKind: JsonValueKind.Object } message)
        {
            return InitializeAttempt.NotYet("the answer was not a JSON-RPC message");
        }

        if (message.TryGetProperty("result", out var result) && result.ValueKind == JsonValueKind.Object)
        {
            var server = result.TryGetProperty("serverInfo", out var info) && info.ValueKind == JsonValueKind.Object
                && info.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString() : null;
            return InitializeAttempt.Ready(server ?? "an MCP server");
        }

        if (message.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
        {
            var code = error.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.Number && c.TryGetInt32(out var n) ? n : 0;
            var text = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            var detail = $"{text ?? "an error"} (JSON-RPC error {code})";
            return code != ServerGone || RefusedAccess(error) ? InitializeAttempt.Refused(detail) : InitializeAttempt.NotYet(detail);
        }

        return InitializeAttempt.NotYet("the answer had neither a result nor an error");
    }

    /// <summary>The proxy's -32000 for a server that refused it access (HTTP 401/403 in <c>data.httpStatus</c>: a remote
    /// needing sign-in): waiting will not change that.</summary>
    private static bool RefusedAccess(JsonElement error) =>
        error.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
        && data.TryGetProperty("httpStatus", out var status) && status.ValueKind == JsonValueKind.Number
        && status.TryGetInt32(out var value) && value is 401 or 403;

    private static async Task<JsonElement?> ReadAnswerAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        if (response.Content.Headers.ContentType?.MediaType != "text/event-stream")
        {
            return Parse(await ReadAtMostAsync(stream, cancellationToken));
        }

        // The answer is the first `data:` event that parses as a JSON-RPC response; other events (notifications) are
        // skipped. At most MaxAnswerBytes are read in all, so no line, however long, is held past that.
        var chunk = new byte[8192];
        using var line = new MemoryStream();
        var read = 0;
        int count;
        while ((count = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            read += count;
            if (read > MaxAnswerBytes)
            {
                return null;
            }

            for (var i = 0; i < count; i++)
            {
                if (chunk[i] != (byte)'\n')
                {
                    line.WriteByte(chunk[i]);
                    continue;
                }

                if (AnswerIn(line.ToArray()) is { } message)
                {
                    return message;
                }

                line.SetLength(0);
            }
        }

        return AnswerIn(line.ToArray());
    }

    /// <summary>The JSON-RPC response an SSE line carries, if it is a `data:` line with one.</summary>
    private static JsonElement? AnswerIn(byte[] line)
    {
        var text = System.Text.Encoding.UTF8.GetString(line).TrimEnd('\r');
        return text.StartsWith("data:", StringComparison.Ordinal)
            && Parse(System.Text.Encoding.UTF8.GetBytes(text[5..].Trim())) is { } message
            && (message.TryGetProperty("result", out _) || message.TryGetProperty("error", out _))
            ? message
            : null;
    }

    private static async Task<byte[]> ReadAtMostAsync(Stream stream, CancellationToken cancellationToken) =>
        await Core.IO.BoundedRead.ReadAllAsync(stream, MaxAnswerBytes, cancellationToken) ?? [];

    private static JsonElement? Parse(byte[] bytes)
    {
        try
        {
            using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 64 });
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task EndSessionAsync(HttpClient http, Uri mcpUrl, string session, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, mcpUrl);
        request.Headers.TryAddWithoutValidation(SessionHeader, session);
        try
        {
            using var _ = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException)
        {
            // The session times out on its own; failing to end it early does not make the workload unusable.
        }
    }
}
