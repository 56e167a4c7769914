using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Toolshed.Proxy.Tests.Support;

namespace Toolshed.Proxy.Tests.Transports;

/// <summary>
/// Bodies that are not valid JSON-RPC, posted to a proxy in front of the real everything-server (whose SDK drops such
/// messages without an answer): each gets HTTP 400 (415 for the content type) with a JSON-RPC error from the proxy.
/// </summary>
public sealed class InvalidJsonRpcTests(EverythingProxyFixture shared) : IClassFixture<EverythingProxyFixture>
{
    private const string Json = "application/json";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, int, int> BadMessages => new()
    {
        { """{"jsonrpc":"1.0","id":1,"method":"tools/list"}""", 400, -32600 },
        { """{"id":1,"method":"tools/list"}""", 400, -32600 },
        { """{"jsonrpc":2.0,"id":1,"method":"tools/list"}""", 400, -32600 },
        { """{"jsonrpc":"2.0","id":{},"method":"tools/list"}""", 400, -32600 },
        { """{"jsonrpc":"2.0","id":true,"method":"tools/list"}""", 400, -32600 },
        { """{"jsonrpc":"2.0","id":[1],"method":"tools/list"}""", 400, -32600 },
        { """{"jsonrpc":"2.0","id":null,"method":"tools/list"}""", 400, -32600 },
        { """{"jsonrpc":"2.0","id":1,"method":"tools/list","params":[1]}""", 400, -32602 },
        { """{"jsonrpc":"2.0","id":1,"method":"tools/list","params":5}""", 400, -32600 },
        { """{"jsonrpc":"2.0","id":1,"method":"tools/list","params":null}""", 400, -32600 },
        { """{"jsonrpc":"2.0","method":"notifications/roots/list_changed","params":[1]}""", 400, -32602 },
        { """{"jsonrpc":"2.0","id":1,"method":5}""", 400, -32600 },
        { """{"jsonrpc":"2.0","id":1}""", 400, -32600 },
        { """{"jsonrpc":"2.0","id":1,"result":{},"error":{"code":1,"message":"x"}}""", 400, -32600 },
        { """{"jsonrpc":"2.0","id":1,"method":"tools/list"} x""", 400, -32700 },
        { """{"jsonrpc":"2.0","id":1,"method":"tools/list"}{"jsonrpc":"2.0","id":2,"method":"tools/list"}""", 400, -32700 },
        { """{"jsonrpc":"2.0","id":1,"id":2,"method":"tools/list"}""", 400, -32700 },
        { """{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","arguments":{"message":"a","message":"b"}}}""", 400, -32700 },
        { """{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","arguments":{"message":"\ud800"}}}""", 400, -32700 },
        { """{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","arguments":{"message":""" + new string('[', 70) + new string(']', 70) + "}}}", 400, -32700 },
        { """{"jsonrpc":"2.0","id":1,"method":"tools/list""", 400, -32700 },
        { "", 400, -32700 },
        { "[]", 400, -32600 },
        { "[1]", 400, -32600 },
        { "42", 400, -32600 },
    };

    [Theory]
    [MemberData(nameof(BadMessages))]
    public async Task Post_InvalidMessage_AnswersJsonRpcErrorWith4xx(string body, int status, int code)
    {
        var http = shared.Http;
        var session = await shared.SessionAsync();
        var sessions = shared.Proxy.SessionCount;

        using var response = await PostAsync(http, session, Encoding.UTF8.GetBytes(body), Json);

        await AssertErrorAsync(response, status, code);
        Assert.Equal(sessions, shared.Proxy.SessionCount);
    }

    [Theory]
    [InlineData(new byte[] { 0xC3, 0x28 })]
    [InlineData(new byte[] { 0xE2, 0x82 })]
    [InlineData(new byte[] { 0xFF })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]
    public async Task Post_InvalidUtf8InAString_Returns400ParseError(byte[] bad)
    {
        var http = shared.Http;
        var session = await shared.SessionAsync();
        byte[] body = [.. """{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","arguments":{"message":"a"""u8, .. bad, .. "\"}}}"u8];

        using var response = await PostAsync(http, session, body, Json);

        await AssertErrorAsync(response, 400, -32700);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("text/plain; charset=utf-8")]
    [InlineData("application/json; charset=latin-9")]
    [InlineData("application/json; charset=iso-8859-1")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData(null)]
    public async Task Post_NotJsonInUtf8ContentType_Returns415(string? contentType)
    {
        var http = shared.Http;
        var session = await shared.SessionAsync();

        using var response = await PostAsync(http, session, """{"jsonrpc":"2.0","id":1,"method":"tools/list"}"""u8.ToArray(), contentType);

        await AssertErrorAsync(response, 415, -32600);
    }

    [Theory]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/json; charset=UTF-8")]
    [InlineData("Application/JSON")]
    public async Task Post_JsonInUtf8ContentType_IsServed(string contentType)
    {
        var http = shared.Http;
        var session = await shared.SessionAsync();

        using var response = await PostAsync(http, session, """{"jsonrpc":"2.0","id":1,"method":"tools/list"}"""u8.ToArray(), contentType);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"tools\"", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_ParamsArray_AnswersWithTheRequestsIdAndTheSessionStillIdlesOut()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var harness = await ProxyHarness.StartAsync(
            () => TestServers.StartEverything("stdio"), o => o with { SessionIdleTimeout = TimeSpan.FromMinutes(5) }, time);
        using var http = new HttpClient { BaseAddress = harness.Proxy.BaseUrl };
        var session = await RawMcpCalls.InitializeAsync(http);

        using var response = await PostAsync(http, session, """{"jsonrpc":"2.0","id":"p","method":"tools/list","params":[1]}"""u8.ToArray(), Json);
        var error = await AssertErrorAsync(response, 400, -32602);
        time.Advance(TimeSpan.FromMinutes(6));
        using var expired = await RawMcpCalls.PostAsync(http, "mcp", session, """{"jsonrpc":"2.0","id":2,"method":"ping"}""");

        Assert.Equal("p", error["id"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, expired.StatusCode);
    }

    [Theory]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/list","params":[1]}""", "application/json", 400, -32602)]
    [InlineData("""{"jsonrpc":"2.0","id":1,"id":1,"method":"tools/list"}""", "application/json", 400, -32700)]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/list"}""", "application/json; charset=latin-9", 415, -32600)]
    public async Task PostMessages_InvalidMessage_AnswersJsonRpcErrorWith4xx(string body, string contentType, int status, int code)
    {
        var http = shared.Http;
        using var stream = await SseStream.OpenAsync(http);
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        using var response = await http.PostAsync(stream.Endpoint.TrimStart('/'), content, Ct);

        await AssertErrorAsync(response, status, code);
    }

    private static async Task<JsonNode> AssertErrorAsync(HttpResponseMessage response, int status, int code)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonNode.Parse(text)!;
        Assert.Equal("2.0", body["jsonrpc"]!.GetValue<string>());
        Assert.Equal(code, body["error"]!["code"]!.GetValue<int>());
        return body;
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient http, string session, byte[] body, string? contentType)
    {
        var content = new ByteArrayContent(body);
        if (contentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        var post = new HttpRequestMessage(HttpMethod.Post, "mcp") { Content = content };
        post.Headers.Accept.ParseAdd("application/json, text/event-stream");
        post.Headers.Add("Mcp-Session-Id", session);
        post.Headers.Add("MCP-Protocol-Version", "2025-06-18");
        return http.SendAsync(post, Ct);
    }
}
