using System.Net;
using System.Text;
using System.Text.Json;

namespace Toolshed.Proxy.Tests.Support;

/// <summary>
/// A tools/call sent by hand (not by an SDK client), so a test can read the HTTP status and the body of an answer the
/// SDK would turn into an exception: over /mcp after an initialize, or over /sse + the announced message endpoint.
/// </summary>
internal static class RawMcpCalls
{
    public const int CallId = 7;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static Task<HttpResponseMessage> CallToolAsync(HttpClient http, string transportPath, string tool) =>
        transportPath == "/mcp" ? OverStreamableHttpAsync(http, tool) : OverLegacySseAsync(http, tool);

    public static async Task<HttpResponseMessage> OverStreamableHttpAsync(HttpClient http, string tool)
    {
        var session = await InitializeAsync(http);
        return await PostAsync(http, "mcp", session, CallBody(tool));
    }

    /// <summary>Opens a Streamable HTTP session at <c>mcp</c> of <paramref name="http"/>; returns its Mcp-Session-Id.</summary>
    public static async Task<string> InitializeAsync(HttpClient http)
    {
        using var initialized = await PostAsync(
            http,
            "mcp",
            session: null,
            """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}""");
        Assert.Equal(HttpStatusCode.OK, initialized.StatusCode);
        return initialized.Headers.GetValues("Mcp-Session-Id").Single();
    }

    /// <summary>POSTs a JSON body as a Streamable HTTP client does (Accept, and the session's headers when given).</summary>
    public static Task<HttpResponseMessage> PostAsync(HttpClient http, string path, string? session, string json)
    {
        var post = new HttpRequestMessage(HttpMethod.Post, path) { Content = Json(json) };
        post.Headers.Accept.ParseAdd("application/json, text/event-stream");
        if (session is not null)
        {
            post.Headers.Add("Mcp-Session-Id", session);
            post.Headers.Add("MCP-Protocol-Version", "2025-06-18");
        }

        return http.SendAsync(post, Token);
    }

    public static async Task<HttpResponseMessage> OverLegacySseAsync(HttpClient http, string tool)
    {
        using var stream = await http.GetAsync("sse", HttpCompletionOption.ResponseHeadersRead, Token);
        using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync(Token));
        string? endpoint = null;
        while (endpoint is null && await reader.ReadLineAsync(Token) is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                endpoint = line["data: ".Length..];
            }
        }

        Assert.NotNull(endpoint);
        return await http.PostAsync(endpoint.TrimStart('/'), Json(CallBody(tool)), Token);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static string CallBody(string tool) =>
        """{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":""" + JsonSerializer.Serialize(tool) + ""","arguments":{"a":1,"b":2}}}""";
}
