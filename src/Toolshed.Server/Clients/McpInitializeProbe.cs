using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Toolshed.Clients;

namespace Toolshed.Server.Clients;

/// <summary>
/// Readiness as the daemon can see it: an MCP <c>initialize</c> sent to the workload's own proxy got a JSON-RPC
/// result (an error, such as the proxy's "the MCP server is not running", does not count). A stdio server is
/// initialized once by its proxy and shared, so this opens no session on it; an HTTP server's session is ended at once.
/// A proxy behind OIDC answers with its bearer challenge before any server is asked: that counts as ready, since the
/// daemon holds no token to look further. Such a proxy is recognised first by its protected-resource metadata (which
/// is not audited), so the probe leaves no "unauthenticated" line in the workload's audit log.
/// </summary>
internal sealed class McpInitializeProbe : IWorkloadReadinessProbe, IDisposable
{
    private const string SessionHeader = "Mcp-Session-Id";
    private static readonly byte[] s_initialize =
        """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"toolshed-daemon","version":"1"}}}"""u8.ToArray();

    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false, ConnectTimeout = TimeSpan.FromSeconds(5) })
    {
        Timeout = TimeSpan.FromSeconds(10),
    };

    public async Task<bool> AnswersInitializeAsync(WorkloadEndpoint workload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workload);
        var url = new Uri(workload.McpUrl);
        if (await RequiresTokenAsync(url, cancellationToken))
        {
            return true;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(s_initialize) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                return response.Headers.WwwAuthenticate.Any(h => string.Equals(h.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase));
            }

            if (!response.IsSuccessStatusCode)
            {
                return false;
            }

            var answered = await HasResultAsync(response, cancellationToken);
            if (response.Headers.TryGetValues(SessionHeader, out var sessions) && sessions.FirstOrDefault() is { Length: > 0 } session)
            {
                await EndSessionAsync(url, session, cancellationToken);
            }

            return answered;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (JsonException)
        {
            return false;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    public void Dispose() => _http.Dispose();

    // An OIDC-protected proxy serves RFC 9728 metadata naming its authorization server; others answer 404.
    private async Task<bool> RequiresTokenAsync(Uri mcpUrl, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _http.GetAsync(new Uri(mcpUrl, "/.well-known/oauth-protected-resource"), cancellationToken);
            return response.IsSuccessStatusCode
                && response.Content.Headers.ContentType?.MediaType == "application/json";
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private static async Task<bool> HasResultAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        if (response.Content.Headers.ContentType?.MediaType != "text/event-stream")
        {
            using var document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
            return IsResult(document.RootElement);
        }

        using var reader = new StreamReader(body);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (!line.StartsWith("data:", StringComparison.Ordinal))
            {
                continue;
            }

            using var document = JsonDocument.Parse(line.AsMemory(5));
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("id", out _))
            {
                return IsResult(document.RootElement);
            }
        }

        return false;
    }

    private static bool IsResult(JsonElement message) =>
        message.ValueKind == JsonValueKind.Object
        && message.TryGetProperty("result", out var result) && result.ValueKind == JsonValueKind.Object;

    private async Task EndSessionAsync(Uri url, string session, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, url);
        request.Headers.TryAddWithoutValidation(SessionHeader, session);
        try
        {
            using var _ = await _http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException)
        {
            // The session expires on its own.
        }
    }
}
