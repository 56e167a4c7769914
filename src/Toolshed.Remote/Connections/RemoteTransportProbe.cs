using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Toolshed.Core.Errors;
using Toolshed.Core.Workloads;

namespace Toolshed.Remote.Connections;

/// <summary>
/// Finds out how a remote speaks, as the MCP specification's backwards-compatibility section tells a client: POST an
/// initialize; a success is Streamable HTTP; a 400, 404 or 405 sends a GET for an event stream, which a legacy HTTP+SSE
/// server answers. A remote that asks for authorization first cannot be probed until signed in.
/// </summary>
internal static class RemoteTransportProbe
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private const string Initialize =
        """{"jsonrpc":"2.0","id":"toolshed-probe","method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"toolshed-probe","version":"1"}}}""";

    /// <summary>The transport, or null when the remote wants authorization before it says.</summary>
    public static async Task<McpTransport?> DetectAsync(HttpClient http, Uri url, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            using var post = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(Initialize, Encoding.UTF8, "application/json") };
            post.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            post.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
            using (var response = await http.SendAsync(post, HttpCompletionOption.ResponseHeadersRead, timeout.Token))
            {
                if (response.IsSuccessStatusCode)
                {
                    await CloseSessionAsync(http, url, response, timeout.Token);
                    return McpTransport.StreamableHttp;
                }

                if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                {
                    return null;
                }

                if (response.StatusCode is not (HttpStatusCode.BadRequest or HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed))
                {
                    throw new RemoteServerException($"The remote MCP server at {url} answered HTTP {(int)response.StatusCode} to an initialize.");
                }
            }

            using var get = new HttpRequestMessage(HttpMethod.Get, url);
            get.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
            using var stream = await http.SendAsync(get, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (stream.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                return null;
            }

            if (stream.IsSuccessStatusCode && stream.Content.Headers.ContentType?.MediaType == "text/event-stream")
            {
                return McpTransport.Sse;
            }

            throw new RemoteServerException(
                $"{url} does not answer as an MCP server: an initialize got HTTP 4xx and a GET for an event stream HTTP {(int)stream.StatusCode}.",
                "Check the URL: it is the server's MCP endpoint, often ending in /mcp (Streamable HTTP) or /sse (legacy SSE).");
        }
        catch (HttpRequestException ex)
        {
            throw new RemoteServerException($"Cannot reach the remote MCP server at {url}: {ex.Message}", "Check the URL and that the server is up.", ex);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RemoteServerException($"The remote MCP server at {url} did not answer within {Timeout.TotalSeconds:0} seconds.");
        }
    }

    private static async Task CloseSessionAsync(HttpClient http, Uri url, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.Headers.TryGetValues("Mcp-Session-Id", out var ids) || ids.FirstOrDefault() is not { } session)
        {
            return;
        }

        using var delete = new HttpRequestMessage(HttpMethod.Delete, url);
        delete.Headers.TryAddWithoutValidation("Mcp-Session-Id", session);
        try
        {
            using var _ = await http.SendAsync(delete, cancellationToken);
        }
        catch (HttpRequestException)
        {
            // The probe's session expires on its own.
        }
    }
}
