using System.Net;
using System.Text;
using Toolshed.Server.Hosting;
using Toolshed.Testing;

namespace Toolshed.Server.Tests.Api;

/// <summary>
/// No web page can drive the daemon: DNS-rebinding Host names, foreign Origins, cross-site fetches and form bodies are
/// refused before any endpoint runs — even carrying the right token.
/// </summary>
public sealed class BrowserGuardTests : IAsyncLifetime
{
    private readonly TemporaryDirectory _directory = new("toolshed-api-guard");
    private DaemonHost _daemon = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private int Port => _daemon.BaseAddress.Port;

    public async ValueTask InitializeAsync() =>
        _daemon = await DaemonHost.StartAsync(new ToolshedServerOptions { Port = 0, AllowedHosts = ["toolshed.internal"] }, TestPaths.In(_directory), Token);

    public async ValueTask DisposeAsync()
    {
        await _daemon.DisposeAsync();
        _directory.Dispose();
    }

    [Theory]
    [InlineData("attacker.example")]
    [InlineData("attacker.example:{port}")]
    [InlineData("127.0.0.1.attacker.example:{port}")]
    [InlineData("localhost.attacker.example")]
    [InlineData("10.0.0.1:{port}")]
    public async Task ForeignHost_WithToken_Is403(string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1beta/secrets");
        request.Headers.Host = host.Replace("{port}", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

        using var response = await _daemon.Client.SendAsync(request, Token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("--allowed-host", await response.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForeignHost_HealthToo_Is403()
    {
        using var anonymous = _daemon.CreateAnonymousClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "health");
        request.Headers.Host = "attacker.example";

        using var response = await anonymous.SendAsync(request, Token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("localhost:{port}")]
    [InlineData("127.0.0.1:{port}")]
    [InlineData("[::1]:{port}")]
    [InlineData("LOCALHOST")]
    [InlineData("toolshed.internal:{port}")]
    public async Task LoopbackOrAllowedHost_WithToken_Answers(string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1beta/secrets");
        request.Headers.Host = host.Replace("{port}", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

        using var response = await _daemon.Client.SendAsync(request, Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("https://attacker.example")]
    [InlineData("http://attacker.example:{port}")]
    [InlineData("http://localhost:3000")]
    [InlineData("https://127.0.0.1:{port}")]
    [InlineData("null")]
    public async Task ForeignOrigin_WithToken_Is403(string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1beta/servers/x/stop");
        request.Headers.TryAddWithoutValidation("Origin", origin.Replace("{port}", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));

        using var response = await _daemon.Client.SendAsync(request, Token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task OwnOrigin_WithToken_ReachesTheEndpoint()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1beta/servers/no-such-server/stop");
        request.Headers.TryAddWithoutValidation("Origin", $"http://127.0.0.1:{Port}");

        using var response = await _daemon.Client.SendAsync(request, Token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task CrossSiteFetch_WithoutOrigin_Is403()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1beta/secrets");
        request.Headers.TryAddWithoutValidation("Sec-Fetch-Site", "cross-site");

        using var response = await _daemon.Client.SendAsync(request, Token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData("application/json; charset=latin-9")]
    public async Task StateChange_FormBody_WithToken_Is415(string contentType)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1beta/servers")
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"image":"toolshed-test/everything:test","name":"formpost"}""")),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        using var response = await _daemon.Client.SendAsync(request, Token);
        using var list = await _daemon.Client.GetAsync("api/v1beta/servers?all=true", Token);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.DoesNotContain("formpost", await list.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preflight_GetsNoCorsHeaders()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "api/v1beta/servers");
        request.Headers.TryAddWithoutValidation("Origin", $"http://127.0.0.1:{Port}");
        request.Headers.TryAddWithoutValidation("Access-Control-Request-Method", "POST");
        request.Headers.TryAddWithoutValidation("Access-Control-Request-Headers", "authorization, content-type");

        using var response = await _daemon.Client.SendAsync(request, Token);

        Assert.DoesNotContain(response.Headers, header => header.Key.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase));
    }
}
