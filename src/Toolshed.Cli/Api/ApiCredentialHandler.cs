using System.Net.Http.Headers;

namespace Toolshed.Cli.Api;

/// <summary>
/// Puts the current <see cref="ApiCredential"/> on requests to the daemon's API — and only there: the same client also
/// talks MCP to workload proxies (`shed run`'s readiness probe, `shed proxy stdio`), which must never see it.
/// </summary>
internal sealed class ApiCredentialHandler(Uri apiBaseUrl, ApiCredential? token) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Headers.Authorization is null && request.RequestUri is { } target && IsApi(target) && token?.Current() is { } value)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", value);
        }

        return base.SendAsync(request, cancellationToken);
    }

    private bool IsApi(Uri target) =>
        Uri.Compare(target, apiBaseUrl, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;
}
