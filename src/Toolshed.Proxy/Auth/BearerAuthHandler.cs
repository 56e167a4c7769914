using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Toolshed.Proxy.Audit;

namespace Toolshed.Proxy.Auth;

/// <summary>
/// Sits in front of a proxy's handler when the workload has OIDC: serves the protected-resource metadata, answers
/// 401 without a valid token, and hands the caller on (as an <see cref="AuthenticatedCaller"/> feature). The inbound
/// Authorization header is dropped before the MCP server sees it, unless forwarding was asked for. A refused request
/// is audited (method "POST /mcp" and the like: its body is not read) with decision deny, outcome unauthenticated and
/// the caller's address, at most 10 lines a second (the rest counted as suppressed on the next line).
/// </summary>
internal sealed class BearerAuthHandler(
    BearerTokenValidator validator,
    RequestDelegate next,
    string workloadName,
    bool forwardAuthorization,
    AuditLog? audit = null,
    TimeProvider? time = null)
{
    private const int MaxPathChars = 256;
    private readonly string _resourceName = "Toolshed workload " + workloadName;
    private readonly UnauthenticatedAuditThrottle _throttle = new(time ?? TimeProvider.System);

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
            if (audit is not null && _throttle.TryTake(out var dropped))
            {
                var path = http.Request.Path.Value ?? "/";
                audit.Write(new AuditRecord
                {
                    Time = (time ?? TimeProvider.System).GetUtcNow(),
                    Workload = workloadName,
                    Method = $"{http.Request.Method} {(path.Length > MaxPathChars ? path[..MaxPathChars] + "…" : path)}",
                    Decision = "deny",
                    Outcome = "unauthenticated",
                    Remote = http.Connection.RemoteIpAddress?.ToString(),
                    Suppressed = dropped > 0 ? dropped : null,
                });
            }

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
