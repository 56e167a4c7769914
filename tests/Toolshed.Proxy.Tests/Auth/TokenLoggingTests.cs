using System.Net;
using System.Net.Http.Headers;
using ModelContextProtocol.Client;
using Toolshed.Core.Workloads;
using Toolshed.Proxy.Tests.Support;
using Toolshed.Testing;

namespace Toolshed.Proxy.Tests.Auth;

public sealed class TokenLoggingTests
{
    [Fact]
    public async Task Proxy_ValidAndRefusedTokens_NeverLogsATokenOrItsParts()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var issuer = await TestIssuer.StartAsync(ct);
        var captured = new CapturingLoggerProvider();
        await using var harness = await ProxyHarness.StartAsync(
            () => TestServers.StartEverything(),
            o => o with { Oidc = new OidcSettings { Issuer = issuer.Issuer, Audience = TestIssuer.Audience } },
            extraLogger: captured);
        var valid = issuer.Mint(subject: "carol");
        var refused = issuer.Mint(audience: "elsewhere");

        await using (var client = await OidcProxyTests.ConnectAsync(harness.Proxy, HttpTransportMode.StreamableHttp, valid))
        {
            await client.CallToolAsync("echo", Clients.Args(("message", "x")), cancellationToken: ct);
        }

        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, harness.Proxy.McpUrl);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", refused);
        using var response = await http.SendAsync(request, ct);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);

        Assert.Contains(captured.Lines, line => line.Contains("Refused a bearer token", StringComparison.Ordinal));
        foreach (var token in new[] { valid, refused })
        {
            foreach (var part in token.Split('.'))
            {
                Assert.DoesNotContain(captured.Lines, line => line.Contains(part, StringComparison.Ordinal));
            }
        }
    }
}
