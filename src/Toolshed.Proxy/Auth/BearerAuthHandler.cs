using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Toolshed.Proxy.Audit;

namespace Toolshed.Proxy.Auth;

/// <summary>
/// Sits in front of a proxy's handler when the workload has OIDC: serves the protected-resource metadata, answers
/// 401 without a valid token, and hands the caller on (as an <see cref="AuthenticatedCaller"/> feature). The inbound
/// Authorization header is dropped before the MCP server sees it, unless forwarding was asked for. A refused request
/// is audited (method "POST /mcp" and the like: its body is not read) with decision deny and outcome unauthenticated.
/// </summary>
internal sealed class BearerAuthHandler(
    BearerTokenValidator validator,
    RequestDelegate next,
    string workloadName,
    bool forwardAuthorization,
    AuditLog? audit = null,
    TimeProvider? time = null)
{
    private readonly string _resourceName = "Toolshed workload " + workloadName;

    public async Task HandleAsync(HttpContext http)
    {
        if (BearerChallenge.IsMetadataRequest(http.Request))
        {
            await BearerChallenge.WriteMetadataAsync(http, validator.Settings.Issuer!, _resourceName);
            return;
        }

        var validation = await validator.ValidateAsync(http.Request.Headers.Authorization.ToString(), http.RequestAborted);
        if (!validation.Succeeded)
        {
            await BearerChallenge.WriteUnauthorizedAsync(http, validation);
            audit?.Write(new AuditRecord
            {
                Time = (time ?? TimeProvider.System).GetUtcNow(),
                Workload = workloadName,
                Method = $"{http.Request.Method} {http.Request.Path}",
                Decision = "deny",
                Outcome = "unauthenticated",
            });
            return;
        }

        http.Features.Set(validation.Caller);
        if (!forwardAuthorization)
        {
            http.Request.Headers.Remove(HeaderNames.Authorization);
        }

        await next(http);
    }
}
