using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Toolshed.Core.Workloads;
using Toolshed.Proxy.Tests.Support;
using Toolshed.Testing;

namespace Toolshed.Proxy.Tests.Auth;

/// <summary>The token is for the proxy: an HTTP backend does not see it unless forwarding was asked for.</summary>
public sealed class AuthorizationHeaderForwardingTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Forward_HttpBackend_AuthorizationHeaderOnlyWhenAsked(bool forward)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var issuer = await TestIssuer.StartAsync(ct);
        await using var backend = await StartHeaderEchoAsync(ct);
        await using var harness = await ProxyHarness.StartAsync(null, o => o with
        {
            Transport = McpTransport.StreamableHttp,
            Oidc = new OidcSettings { Issuer = issuer.Issuer, Audience = TestIssuer.Audience },
            ForwardAuthorization = forward,
        }, upstream: new Uri(backend.Url, "mcp"));
        var token = issuer.Mint();
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, harness.Proxy.McpUrl) { Content = new StringContent("{}") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var response = await http.SendAsync(request, ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var seen = await response.Content.ReadAsStringAsync(ct);
        Assert.Equal(forward ? "Bearer " + token : "", seen);
    }

    private static async Task<HeaderEcho> StartHeaderEchoAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Run(http => http.Response.WriteAsync(http.Request.Headers.Authorization.ToString(), http.RequestAborted));
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new HeaderEcho(app, new Uri(address.TrimEnd('/') + "/"));
    }

    private sealed class HeaderEcho(WebApplication app, Uri url) : IAsyncDisposable
    {
        public Uri Url { get; } = url;

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
        }
    }
}
