using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Toolshed.Core.Workloads;
using Toolshed.Proxy.Tests.Support;
using Toolshed.Proxy.Transports;

namespace Toolshed.Proxy.Tests.Transports;

/// <summary>The DNS-rebinding Host check: the rules, then real requests against loopback-bound proxies.</summary>
public sealed class HostPolicyTests
{
    private const string Initialize =
        """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}""";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.0.0.1:8080", true)]
    [InlineData("localhost", true)]
    [InlineData("LOCALHOST:1234", true)]
    [InlineData("[::1]", true)]
    [InlineData("[::1]:43117", true)]
    [InlineData("127.1.2.3:80", true)]
    [InlineData("my-box.local", true)]
    [InlineData("My-Box.Local:9000", true)]
    [InlineData("evil.example", false)]
    [InlineData("evil.example:8080", false)]
    [InlineData("localhost.evil.example", false)]
    [InlineData("127.0.0.1.evil.example", false)]
    [InlineData("10.0.0.5", false)]
    [InlineData("[::1]evil", false)]
    [InlineData("[::2]:80", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsAllowed_HostHeader_LoopbackOrAllowedOnly(string? host, bool allowed) =>
        Assert.Equal(allowed, HostPolicy.IsAllowed(host, ["my-box.local"]));

    [Theory]
    [InlineData("my-box", true)]
    [InlineData("box.example.com", true)]
    [InlineData("10.1.2.3", true)]
    [InlineData("http://box", false)]
    [InlineData("box/path", false)]
    [InlineData("", false)]
    public void IsValidEntry_AllowedHostName_OnlyBareNames(string entry, bool valid) =>
        Assert.Equal(valid, HostPolicy.IsValidEntry(entry));

    [Theory]
    [InlineData("/mcp")]
    [InlineData("/sse")]
    [InlineData("/messages")]
    public async Task Request_ForeignHostOnLoopback_Returns403WithJsonRpcError(string path)
    {
        await using var harness = await ProxyHarness.StartAsync(TestServers.StartCSharpServer);
        using var http = new HttpClient();

        using var response = await SendAsync(http, harness.Proxy.BaseUrl, path, "rebound.evil.example");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
        Assert.Equal(-32600, body["error"]!["code"]!.GetValue<int>());
        Assert.Contains("--allowed-host", body["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, harness.Proxy.SessionCount);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1")]
    [InlineData("my-box.local")]
    public async Task Initialize_LoopbackOrAllowedHost_IsServed(string host)
    {
        await using var harness = await ProxyHarness.StartAsync(TestServers.StartCSharpServer, o => o with { AllowedHosts = ["my-box.local"] });
        using var http = new HttpClient();

        using var response = await SendAsync(http, harness.Proxy.BaseUrl, "/mcp", $"{host}:{harness.Proxy.Port}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Initialize_AllowedHostAsOrigin_IsServed()
    {
        await using var harness = await ProxyHarness.StartAsync(TestServers.StartCSharpServer, o => o with { AllowedHosts = ["my-box.local"] });
        using var http = new HttpClient();
        using var request = Post(harness.Proxy.BaseUrl, "/mcp", "my-box.local");
        request.Headers.Add("Origin", "http://my-box.local:6274");

        using var response = await http.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Request_ForeignHostBeforeForwardedHttpServer_Returns403()
    {
        await using var server = await HttpServerProcess.StartEverythingAsync("streamableHttp");
        await using var harness = await ProxyHarness.StartAsync(null, o => o with
        {
            Transport = McpTransport.StreamableHttp,
        }, upstream: new Uri($"http://127.0.0.1:{server.Port}/mcp"));
        using var http = new HttpClient();

        using var foreign = await SendAsync(http, harness.Proxy.BaseUrl, "/mcp", "rebound.evil.example");
        using var local = await SendAsync(http, harness.Proxy.BaseUrl, "/mcp", "localhost");

        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.OK, local.StatusCode);
    }

    [Fact]
    public async Task Request_AnyHostWhenBoundBeyondLoopback_IsServed()
    {
        await using var harness = await ProxyHarness.StartAsync(TestServers.StartCSharpServer, o => o with { Host = "0.0.0.0" });
        using var http = new HttpClient();

        using var response = await SendAsync(http, new Uri($"http://127.0.0.1:{harness.Proxy.Port}/"), "/mcp", "tools.example.com");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient http, Uri baseUrl, string path, string host)
    {
        var request = path == "/sse" ? new HttpRequestMessage(HttpMethod.Get, new Uri(baseUrl, path)) : Post(baseUrl, path, host);
        request.Headers.Host = host;
        return http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Ct);
    }

    private static HttpRequestMessage Post(Uri baseUrl, string path, string host)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUrl, path))
        {
            Content = new StringContent(Initialize, Encoding.UTF8, "application/json"),
        };
        request.Headers.Host = host;
        request.Headers.Accept.ParseAdd("application/json, text/event-stream");
        return request;
    }
}
