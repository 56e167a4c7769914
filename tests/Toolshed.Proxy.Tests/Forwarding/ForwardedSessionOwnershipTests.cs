using System.Net;
using System.Net.Http.Headers;
using Toolshed.Core.Workloads;
using Toolshed.Proxy.Tests.Support;
using Toolshed.Testing;

namespace Toolshed.Proxy.Tests.Forwarding;

/// <summary>
/// Under OIDC, a session the server opened through the forwarder belongs to the token subject that opened it:
/// another valid token presenting the same session id (or posting to the same SSE message endpoint) gets 404 and
/// never reaches the server, while the owner carries on.
/// </summary>
public sealed class ForwardedSessionOwnershipTests
{
    private const string Ping = """{"jsonrpc":"2.0","id":7,"method":"ping"}""";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StreamableHttp_AnotherSubjectsSessionId_Is404_OwnerCarriesOn_DeleteFrees()
    {
        await using var issuer = await TestIssuer.StartAsync(Token);
        await using var server = await HttpServerProcess.StartEverythingAsync("streamableHttp");
        await using var harness = await StartAsync(issuer, McpTransport.StreamableHttp, server.Port, "/mcp");
        using var alice = Caller(harness, issuer.Mint(subject: "alice"));
        using var bob = Caller(harness, issuer.Mint(subject: "bob"));

        var session = await RawMcpCalls.InitializeAsync(alice);

        using (var stolen = await RawMcpCalls.PostAsync(bob, "mcp", session, Ping))
        {
            Assert.Equal(HttpStatusCode.NotFound, stolen.StatusCode);
        }

        using (var own = await RawMcpCalls.PostAsync(alice, "mcp", session, Ping))
        {
            Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        }

        using var delete = new HttpRequestMessage(HttpMethod.Delete, "mcp");
        delete.Headers.Add("Mcp-Session-Id", session);
        using var deleted = await bob.SendAsync(delete, Token);
        Assert.Equal(HttpStatusCode.NotFound, deleted.StatusCode);
    }

    [Fact]
    public async Task LegacySse_AnotherSubjectPostingToTheAnnouncedEndpoint_Is404_OwnerIsAnswered()
    {
        await using var issuer = await TestIssuer.StartAsync(Token);
        await using var server = await HttpServerProcess.StartEverythingAsync("sse");
        await using var harness = await StartAsync(issuer, McpTransport.Sse, server.Port, "/sse");
        using var alice = Caller(harness, issuer.Mint(subject: "alice"));
        using var bob = Caller(harness, issuer.Mint(subject: "bob"));
        using var stream = await SseStream.OpenAsync(alice);
        var endpoint = new Uri(stream.Endpoint, UriKind.RelativeOrAbsolute) is { IsAbsoluteUri: true } absolute
            ? absolute.PathAndQuery
            : stream.Endpoint;

        using (var stolen = await bob.PostAsync(endpoint.TrimStart('/'), Json(Ping), Token))
        {
            Assert.Equal(HttpStatusCode.NotFound, stolen.StatusCode);
        }

        // Another spelling of the same endpoint is no way round it.
        using (var respelled = await bob.PostAsync(endpoint.TrimStart('/') + "&x=1", Json(Ping), Token))
        {
            Assert.Equal(HttpStatusCode.NotFound, respelled.StatusCode);
        }

        using (var own = await alice.PostAsync(endpoint.TrimStart('/'), Json(Ping), Token))
        {
            Assert.Equal(HttpStatusCode.Accepted, own.StatusCode);
        }

        var answer = await stream.NextDataAsync(d => d.Contains("\"id\":7", StringComparison.Ordinal)).WaitAsync(TimeSpan.FromSeconds(60), Token);
        Assert.Contains("\"result\"", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StreamableHttp_ASessionNotOpenedThroughThisProxy_Is404EvenForAValidToken()
    {
        await using var issuer = await TestIssuer.StartAsync(Token);
        await using var server = await HttpServerProcess.StartEverythingAsync("streamableHttp");
        await using var harness = await StartAsync(issuer, McpTransport.StreamableHttp, server.Port, "/mcp");
        using var direct = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{server.Port}/") };
        using var alice = Caller(harness, issuer.Mint(subject: "alice"));

        // Opened at the server directly (as if before a daemon restart): the proxy cannot know whose it is.
        var session = await RawMcpCalls.InitializeAsync(direct);

        using var answer = await RawMcpCalls.PostAsync(alice, "mcp", session, Ping);
        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
    }

    private static Task<ProxyHarness> StartAsync(TestIssuer issuer, McpTransport transport, int port, string path) =>
        ProxyHarness.StartAsync(null, o => o with
        {
            Transport = transport,
            Oidc = new OidcSettings { Issuer = issuer.Issuer, Audience = TestIssuer.Audience },
        }, upstream: new Uri($"http://127.0.0.1:{port}{path}"));

    private static HttpClient Caller(ProxyHarness harness, string token)
    {
        var http = new HttpClient { BaseAddress = harness.Proxy.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private static StringContent Json(string json) => new(json, MediaTypeHeaderValue.Parse("application/json"));
}
