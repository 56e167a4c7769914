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
        using var initialize = new HttpRequestMessage(HttpMethod.Post, "mcp")
        {
            Content = Json("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}"""),
        };
        initialize.Headers.Accept.ParseAdd("application/json, text/event-stream");
        using var initialized = await http.SendAsync(initialize, Token);
        Assert.Equal(HttpStatusCode.OK, initialized.StatusCode);
        var session = initialized.Headers.GetValues("Mcp-Session-Id").Single();

        var call = new HttpRequestMessage(HttpMethod.Post, "mcp") { Content = Json(CallBody(tool)) };
        call.Headers.Accept.ParseAdd("application/json, text/event-stream");
        call.Headers.Add("Mcp-Session-Id", session);
        call.Headers.Add("MCP-Protocol-Version", "2025-06-18");
        return await http.SendAsync(call, Token);
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
