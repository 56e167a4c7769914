using System.Net;
using System.Text;
using System.Text.Json;
using Toolshed.Core.Configuration;
using Toolshed.Testing;

namespace Toolshed.Server.Tests.Ui;

/// <summary>The dashboard's sign-in against a real daemon: a one-time link, then only the cookie it set.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class UiSignInTests : IAsyncLifetime
{
    private readonly TemporaryDirectory _directory = new("toolshed-ui-signin");
    private DaemonHost _daemon = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _daemon = await DaemonHost.StartAsync(TestPaths.In(_directory), Token);

    public async ValueTask DisposeAsync()
    {
        await _daemon.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task LoginLink_PutsItsCodeInTheFragment_NeverTheToken()
    {
        using var response = await _daemon.Client.PostAsync("api/v1beta/ui/login-links", null, Token);
        var link = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token)).RootElement;
        var url = new Uri(link.GetProperty("url").GetString()!);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/ui/login", url.AbsolutePath);
        Assert.Empty(url.Query);
        Assert.True(url.Fragment.Length > 40);
        Assert.DoesNotContain(_daemon.ApiToken!, url.AbsoluteUri, StringComparison.Ordinal);
        Assert.True(link.GetProperty("expires_at").GetDateTimeOffset() > DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task LoginLink_WithoutTheToken_Is401()
    {
        using var anonymous = _daemon.CreateAnonymousClient();

        using var response = await anonymous.PostAsync("api/v1beta/ui/login-links", null, Token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Session_SetsAStrictHttpOnlyCookie_ThatWorksOnce()
    {
        var code = await NewCodeAsync();
        using var browser = Browser();

        using var first = await browser.PostAsync("ui/session", Json($$"""{"code":"{{code}}"}"""), Token);
        using var again = await browser.PostAsync("ui/session", Json($$"""{"code":"{{code}}"}"""), Token);

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        var cookie = Assert.Single(first.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("toolshed_ui=", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
        Assert.False(again.Headers.Contains("Set-Cookie"));
    }

    [Theory]
    [InlineData("""{"code":"made-up-code"}""")]
    [InlineData("""{"code":42}""")]
    [InlineData("""{}""")]
    [InlineData("""not json""")]
    public async Task Session_WithoutAGoodCode_Is401AndSetsNoCookie(string body)
    {
        using var browser = Browser();

        using var response = await browser.PostAsync("ui/session", Json(body), Token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task TheCookie_OpensTheDashboardAndTheApi()
    {
        var cookie = await SignInAsync();
        using var browser = Browser(cookie);

        using var page = await browser.GetAsync("ui/", Token);
        using var list = await browser.GetAsync("api/v1beta/servers", Token);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("app.js", await page.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
    }

    [Fact]
    public async Task WithoutTheCookie_TheDashboardIsTheSignedOutPage_AndTheApiRefuses()
    {
        using var browser = Browser();

        using var page = await browser.GetAsync("ui/", Token);
        using var list = await browser.GetAsync("api/v1beta/servers", Token);
        using var events = await browser.GetAsync("api/v1beta/events", Token);

        Assert.Equal(HttpStatusCode.Unauthorized, page.StatusCode);
        Assert.Contains("shed ui", await page.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, list.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, events.StatusCode);
    }

    [Fact]
    public async Task AStateChange_WithTheCookieButNoOrigin_IsRefused()
    {
        var cookie = await SignInAsync();
        using var browser = Browser(cookie);

        using var bare = await browser.PostAsync("api/v1beta/ui/login-links", null, Token);
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1beta/ui/login-links");
        request.Headers.Add("Origin", _daemon.BaseAddress.GetLeftPart(UriPartial.Authority));
        using var withOrigin = await browser.SendAsync(request, Token);

        Assert.Equal(HttpStatusCode.Unauthorized, bare.StatusCode);
        Assert.Equal(HttpStatusCode.Created, withOrigin.StatusCode);
    }

    [Fact]
    public async Task Logout_EndsTheSession()
    {
        var cookie = await SignInAsync();
        using var browser = Browser(cookie);

        using var logout = await browser.PostAsync("ui/logout", null, Token);
        using var after = await browser.GetAsync("api/v1beta/servers", Token);

        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        Assert.Contains("toolshed_ui=;", logout.Headers.GetValues("Set-Cookie").Single(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task Assets_AreServedToAnyone_ButOnlyOurs()
    {
        using var browser = Browser();

        using var script = await browser.GetAsync("ui/assets/login.js", Token);
        using var page = await browser.GetAsync("ui/assets/index.html", Token);
        using var traversal = await browser.GetAsync("ui/assets/..%2F..%2Fapi-token", Token);

        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", script.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, traversal.StatusCode);
    }

    [Fact]
    public async Task Events_SendsTheServerListAtOnce()
    {
        var cookie = await SignInAsync();
        using var browser = Browser(cookie);
        browser.Timeout = TimeSpan.FromSeconds(30);

        using var response = await browser.GetAsync("api/v1beta/events", HttpCompletionOption.ResponseHeadersRead, Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(Token));
        var eventLine = await reader.ReadLineAsync(Token).AsTask().WaitAsync(TimeSpan.FromSeconds(10), Token);
        var dataLine = await reader.ReadLineAsync(Token);

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("event: servers", eventLine);
        Assert.Equal("""data: {"servers":[]}""", dataLine);
    }

    [Fact]
    public async Task Secret_RevealedToTheSessionCookie_Is403WithoutTheValue_TheTokenStillReveals()
    {
        using var set = await _daemon.Client.PutAsync("api/v1beta/secrets/ui_probe", Json("""{"value":"v4lue-the-page-must-not-see"}"""), Token);
        Assert.Equal(HttpStatusCode.NoContent, set.StatusCode);
        using var browser = Browser(await SignInAsync());

        using var revealed = await browser.GetAsync("api/v1beta/secrets/ui_probe?reveal=true", Token);
        var body = await revealed.Content.ReadAsStringAsync(Token);
        using var metadata = await browser.GetAsync("api/v1beta/secrets/ui_probe", Token);
        using var withToken = await _daemon.Client.GetAsync("api/v1beta/secrets/ui_probe?reveal=true", Token);

        Assert.Equal(HttpStatusCode.Forbidden, revealed.StatusCode);
        Assert.DoesNotContain("v4lue-the-page-must-not-see", body, StringComparison.Ordinal);
        Assert.Contains("shed secret get ui_probe --reveal", body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, metadata.StatusCode);
        Assert.Contains("v4lue-the-page-must-not-see", await withToken.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
    }

    private async Task<string> NewCodeAsync()
    {
        using var response = await _daemon.Client.PostAsync("api/v1beta/ui/login-links", null, Token);
        response.EnsureSuccessStatusCode();
        var url = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token)).RootElement.GetProperty("url").GetString()!;
        return new Uri(url).Fragment.TrimStart('#');
    }

    private async Task<string> SignInAsync()
    {
        using var browser = Browser();
        using var response = await browser.PostAsync("ui/session", Json($$"""{"code":"{{await NewCodeAsync()}}"}"""), Token);
        response.EnsureSuccessStatusCode();
        return response.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
    }

    /// <summary>A client that sends only the cookie given (no token, no cookie jar).</summary>
    private HttpClient Browser(string? cookie = null)
    {
        var client = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = _daemon.BaseAddress };
        if (cookie is not null)
        {
            client.DefaultRequestHeaders.Add("Cookie", cookie);
        }

        return client;
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
