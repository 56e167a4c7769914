using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Toolshed.Core.Workloads;
using Toolshed.Proxy.Tests.Support;
using Toolshed.Testing;

namespace Toolshed.Proxy.Tests.Auth;

/// <summary>A real proxy under OIDC with a real in-test issuer: every way a token can be wrong, and the right ones.</summary>
public sealed class OidcProxyTests : IAsyncLifetime
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(60);
    private TestIssuer _issuer = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _issuer = await TestIssuer.StartAsync(Token);

    public async ValueTask DisposeAsync() => await _issuer.DisposeAsync();

    public enum BadToken
    {
        Expired,
        NotYetValid,
        WrongAudience,
        WrongIssuer,
        BadSignature,
        AlgNone,
        HmacWithPublicKey,
        Garbage,
    }

    [Theory]
    [InlineData(BadToken.Expired, "expired")]
    [InlineData(BadToken.NotYetValid, "not valid yet")]
    [InlineData(BadToken.WrongAudience, "audience")]
    [InlineData(BadToken.WrongIssuer, "issuer")]
    [InlineData(BadToken.BadSignature, "signature")]
    [InlineData(BadToken.AlgNone, "'none' is not accepted")]
    [InlineData(BadToken.HmacWithPublicKey, "'HS256' is not accepted")]
    [InlineData(BadToken.Garbage, "not a well-formed JWT")]
    public async Task Request_BadToken_Returns401WithInvalidTokenChallenge(BadToken kind, string described)
    {
        await using var harness = await StartProxyAsync();
        var token = kind switch
        {
            BadToken.Expired => _issuer.Mint(expires: DateTime.UtcNow.AddMinutes(-10), notBefore: DateTime.UtcNow.AddMinutes(-20)),
            BadToken.NotYetValid => _issuer.Mint(notBefore: DateTime.UtcNow.AddMinutes(10), expires: DateTime.UtcNow.AddMinutes(20)),
            BadToken.WrongAudience => _issuer.Mint(audience: "someone-else"),
            BadToken.WrongIssuer => _issuer.Mint(issuer: "http://127.0.0.1:1/other"),
            BadToken.BadSignature => _issuer.MintWithRogueKey(),
            BadToken.AlgNone => _issuer.MintUnsigned(),
            BadToken.HmacWithPublicKey => _issuer.MintHmacWithPublicKey(),
            _ => "not-a-jwt",
        };

        using var response = await PostInitializeAsync(harness.Proxy, token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.StartsWith("error=\"invalid_token\", error_description=\"", challenge.Parameter, StringComparison.Ordinal);
        Assert.Contains(described, challenge.Parameter, StringComparison.Ordinal);
        Assert.EndsWith($"resource_metadata=\"{MetadataUrl(harness.Proxy)}\"", challenge.Parameter, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_NoToken_Returns401WithResourceMetadataOnly()
    {
        await using var harness = await StartProxyAsync();

        using var response = await PostInitializeAsync(harness.Proxy, token: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.Equal($"resource_metadata=\"{MetadataUrl(harness.Proxy)}\"", challenge.Parameter);
    }

    [Theory]
    [InlineData("rsa-1")]
    [InlineData("ec-1")]
    [InlineData("ps-1")]
    public async Task Request_ValidTokenOfEachAlgorithm_PassesAuthentication(string kid)
    {
        await using var harness = await StartProxyAsync();

        // No route answers /nothing: a 404 means the token was accepted and the request went on.
        using var response = await GetAsync(harness.Proxy, "nothing", _issuer.Mint(kid: kid));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Request_ManyConcurrentBeforeKeysFetched_AllWaitForTheFirstFetch()
    {
        await using var harness = await StartProxyAsync();
        var token = _issuer.Mint();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => GetAsync(harness.Proxy, "nothing", token)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        Assert.Equal(1, _issuer.JwksRequests);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task Request_JwksUrlConfigured_ValidatesWithoutDiscovery()
    {
        await using var harness = await StartProxyAsync(jwksUrl: _issuer.JwksUrl);

        using var accepted = await GetAsync(harness.Proxy, "nothing", _issuer.Mint());

        Assert.Equal(HttpStatusCode.NotFound, accepted.StatusCode);
    }

    [Theory]
    [InlineData(HttpTransportMode.StreamableHttp)]
    [InlineData(HttpTransportMode.Sse)]
    public async Task McpCall_ValidToken_WorksThroughProxy(HttpTransportMode mode)
    {
        await using var harness = await StartProxyAsync(() => TestServers.StartEverything());
        await using var client = await ConnectAsync(harness.Proxy, mode, _issuer.Mint());

        var result = await client.CallToolAsync("echo", Clients.Args(("message", "hello oidc")), cancellationToken: Token).AsTask().WaitAsync(s_wait, Token);

        Assert.Contains("hello oidc", Assert.IsType<TextContentBlock>(result.Content[0]).Text);
    }

    [Fact]
    public async Task KeyRotation_NewKeyPublished_FirstTokenWithItIsAccepted()
    {
        await using var harness = await StartProxyAsync();
        using (var before = await GetAsync(harness.Proxy, "nothing", _issuer.Mint()))
        {
            Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
        }

        var newKid = _issuer.Rotate(withdrawOld: true);
        using (var fresh = await GetAsync(harness.Proxy, "nothing", _issuer.Mint(kid: newKid)))
        {
            Assert.Equal(HttpStatusCode.NotFound, fresh.StatusCode);
        }

        using var old = await GetAsync(harness.Proxy, "nothing", _issuer.Mint());
        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        Assert.Equal(2, _issuer.JwksRequests);
    }

    [Fact]
    public async Task KeyRotation_TokensWithMadeUpKeyIds_FetchTheKeysAtMostOnceMorePerInterval()
    {
        await using var harness = await StartProxyAsync();
        using (var before = await GetAsync(harness.Proxy, "nothing", _issuer.Mint()))
        {
            Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
        }

        for (var i = 0; i < 10; i++)
        {
            using var refused = await GetAsync(harness.Proxy, "nothing", _issuer.MintWithUnknownKeyId());
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        // The first unknown key id may refresh; the next ones fall within the 30 s minimum interval.
        Assert.Equal(2, _issuer.JwksRequests);
        var newKid = _issuer.Rotate(withdrawOld: false);
        using var rateLimited = await GetAsync(harness.Proxy, "nothing", _issuer.Mint(kid: newKid));
        Assert.Equal(HttpStatusCode.Unauthorized, rateLimited.StatusCode);
        Assert.Equal(2, _issuer.JwksRequests);
    }

    [Fact]
    public async Task ProtectedResourceMetadata_Get_ServesIssuerWithoutToken()
    {
        await using var harness = await StartProxyAsync();

        using var response = await GetAsync(harness.Proxy, ".well-known/oauth-protected-resource", token: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token));
        var root = document.RootElement;
        Assert.Equal(harness.Proxy.BaseUrl.ToString().TrimEnd('/'), root.GetProperty("resource").GetString());
        Assert.Equal([_issuer.Issuer], root.GetProperty("authorization_servers").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["header"], root.GetProperty("bearer_methods_supported").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Session_UsedWithAnotherSubjectsToken_IsNotFound()
    {
        await using var harness = await StartProxyAsync(() => TestServers.StartEverything());
        using var init = await PostInitializeAsync(harness.Proxy, _issuer.Mint(subject: "alice"));
        Assert.Equal(HttpStatusCode.OK, init.StatusCode);
        var sessionId = init.Headers.GetValues("Mcp-Session-Id").Single();

        using var stolen = await PostInSessionAsync(harness.Proxy, sessionId, _issuer.Mint(subject: "mallory"));
        using var own = await PostInSessionAsync(harness.Proxy, sessionId, _issuer.Mint(subject: "alice"));

        Assert.Equal(HttpStatusCode.NotFound, stolen.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, own.StatusCode);
    }

    private static async Task<HttpResponseMessage> PostInSessionAsync(WorkloadProxy proxy, string sessionId, string token)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, proxy.McpUrl)
        {
            Content = new StringContent("""{"jsonrpc":"2.0","method":"notifications/initialized"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.ParseAdd("application/json, text/event-stream");
        request.Headers.Add("Mcp-Session-Id", sessionId);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(request, Token);
    }

    private Task<ProxyHarness> StartProxyAsync(Func<ProcessStdioChannel>? backend = null, string? jwksUrl = null) =>
        ProxyHarness.StartAsync(
            backend,
            options => options with { Oidc = new OidcSettings { Issuer = _issuer.Issuer, Audience = TestIssuer.Audience, JwksUrl = jwksUrl } });

    private static string MetadataUrl(WorkloadProxy proxy) =>
        proxy.BaseUrl.ToString().TrimEnd('/') + "/.well-known/oauth-protected-resource";

    internal static Task<McpClient> ConnectAsync(WorkloadProxy proxy, HttpTransportMode mode, string token) =>
        McpClient.CreateAsync(
            new HttpClientTransport(new HttpClientTransportOptions
            {
                Endpoint = mode == HttpTransportMode.Sse ? proxy.SseUrl : proxy.McpUrl,
                TransportMode = mode,
                AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer " + token },
            }),
            cancellationToken: TestContext.Current.CancellationToken);

    private static async Task<HttpResponseMessage> GetAsync(WorkloadProxy proxy, string path, string? token)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(proxy.BaseUrl, path));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await http.SendAsync(request, Token);
    }

    private static async Task<HttpResponseMessage> PostInitializeAsync(WorkloadProxy proxy, string? token)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, proxy.McpUrl)
        {
            Content = new StringContent(
                """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}""",
                System.Text.Encoding.UTF8,
                "application/json"),
        };
        request.Headers.Accept.ParseAdd("application/json, text/event-stream");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await http.SendAsync(request, Token);
    }
}
