using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Toolshed.Core.Workloads;
using Toolshed.Server.Hosting;
using Toolshed.Testing;

namespace Toolshed.Server.Tests.Auth;

/// <summary>The daemon built as `shed serve --oidc-issuer … --oidc-audience …` builds it, with a real in-test issuer.</summary>
public sealed class ApiOidcTests : IAsyncLifetime
{
    private const string ProtectedPath = "api/v1beta/version";
    private readonly TemporaryDirectory _home = new();
    private readonly ShiftableTimeProvider _time = new();
    private TestIssuer _issuer = null!;
    private WebApplication _app = null!;
    private HttpClient _http = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _issuer = await TestIssuer.StartAsync(Token);
        var options = new ToolshedServerOptions
        {
            Port = 0,
            Oidc = new OidcSettings { Issuer = _issuer.Issuer, Audience = TestIssuer.Audience },
        };
        _app = ToolshedServer.Build(options, TestPaths.In(_home), builder => builder.Services.AddSingleton<TimeProvider>(_time));
        await _app.StartAsync(Token);
        var address = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        _http = new HttpClient { BaseAddress = new Uri(address.TrimEnd('/') + "/") };
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        await _issuer.DisposeAsync();
        _home.Dispose();
    }

    public enum BadToken
    {
        Expired,
        NotYetValid,
        WrongAudience,
        WrongIssuer,
        BadSignature,
        AlgNone,
        HmacWithPublicKey,
    }

    [Theory]
    [InlineData(BadToken.Expired, "expired")]
    [InlineData(BadToken.NotYetValid, "not valid yet")]
    [InlineData(BadToken.WrongAudience, "audience")]
    [InlineData(BadToken.WrongIssuer, "issuer")]
    [InlineData(BadToken.BadSignature, "signature")]
    [InlineData(BadToken.AlgNone, "'none' is not accepted")]
    [InlineData(BadToken.HmacWithPublicKey, "'HS256' is not accepted")]
    public async Task ApiRequest_BadToken_Returns401WithInvalidTokenChallenge(BadToken kind, string described)
    {
        var token = kind switch
        {
            BadToken.Expired => _issuer.Mint(expires: DateTime.UtcNow.AddMinutes(-10), notBefore: DateTime.UtcNow.AddMinutes(-20)),
            BadToken.NotYetValid => _issuer.Mint(notBefore: DateTime.UtcNow.AddMinutes(10), expires: DateTime.UtcNow.AddMinutes(20)),
            BadToken.WrongAudience => _issuer.Mint(audience: "someone-else"),
            BadToken.WrongIssuer => _issuer.Mint(issuer: "http://127.0.0.1:1/other"),
            BadToken.BadSignature => _issuer.MintWithRogueKey(),
            BadToken.AlgNone => _issuer.MintUnsigned(),
            _ => _issuer.MintHmacWithPublicKey(),
        };

        using var response = await GetAsync(ProtectedPath, token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.StartsWith("error=\"invalid_token\"", challenge.Parameter, StringComparison.Ordinal);
        Assert.Contains(described, challenge.Parameter, StringComparison.Ordinal);
        Assert.EndsWith($"resource_metadata=\"{MetadataUrl}\"", challenge.Parameter, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiRequest_NoToken_Returns401WithResourceMetadataOnly()
    {
        using var response = await GetAsync("api/v1beta/servers", token: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal($"resource_metadata=\"{MetadataUrl}\"", challenge.Parameter);
    }

    [Theory]
    [InlineData("rsa-1")]
    [InlineData("ec-1")]
    [InlineData("ps-1")]
    public async Task ApiRequest_ValidToken_Answers(string kid)
    {
        using var response = await GetAsync("api/v1beta/registry", _issuer.Mint(kid: kid));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Health_NoToken_StaysOpen()
    {
        using var response = await GetAsync("health", token: null);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public async Task ProtectedResourceMetadata_NoToken_NamesTheIssuer()
    {
        using var response = await GetAsync(".well-known/oauth-protected-resource", token: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token));
        Assert.Equal(_issuer.Issuer, document.RootElement.GetProperty("authorization_servers")[0].GetString());
        Assert.Equal(_http.BaseAddress!.ToString().TrimEnd('/'), document.RootElement.GetProperty("resource").GetString());
    }

    [Fact]
    public async Task KeyRotation_IssuerPublishesNewKey_NewTokensAccepted()
    {
        using (var before = await GetAsync(ProtectedPath, _issuer.Mint()))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        // The first token with a key id the keys do not hold makes the daemon refetch them, and waits for that.
        var fresh = _issuer.Mint(kid: _issuer.Rotate(withdrawOld: false));
        using (var accepted = await GetAsync(ProtectedPath, fresh))
        {
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }

        // A second rotation within the 30 s refresh interval is not fetched yet.
        using var rateLimited = await GetAsync(ProtectedPath, _issuer.Mint(kid: _issuer.Rotate(withdrawOld: false)));
        Assert.Equal(HttpStatusCode.Unauthorized, rateLimited.StatusCode);
        Assert.Equal(2, _issuer.JwksRequests);
    }

    private string MetadataUrl => _http.BaseAddress!.ToString().TrimEnd('/') + "/.well-known/oauth-protected-resource";

    private async Task<HttpResponseMessage> GetAsync(string path, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await _http.SendAsync(request, Token);
    }
}
