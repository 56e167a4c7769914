using Microsoft.AspNetCore.Http;
using Toolshed.Proxy.Auth;

namespace Toolshed.Server.Api.Auth;

/// <summary>
/// Guards the daemon's API with the OIDC bearer tokens of `shed serve --oidc-*`. /health stays open, so that clients
/// and supervisors can tell a live daemon from a dead one without credentials; the protected-resource metadata is
/// open too, it is how clients learn where to get a token.
/// </summary>
internal sealed class ApiBearerAuthMiddleware(RequestDelegate next, ApiAuthentication authentication)
{
    public async Task InvokeAsync(HttpContext http)
    {
        if (http.Request.Path.Equals("/health", StringComparison.Ordinal) || Ui.UiSessionMiddleware.IsSignedInOrUiPath(http))
        {
            await next(http);
            return;
        }

        if (BearerChallenge.IsMetadataRequest(http.Request))
        {
            await BearerChallenge.WriteMetadataAsync(http, authentication.Validator.Settings.Issuer!, "Toolshed API");
            return;
        }

        var validation = await authentication.Validator.ValidateAsync(http.Request.Headers.Authorization.ToString(), http.RequestAborted);
        if (!validation.Succeeded)
        {
            await BearerChallenge.WriteUnauthorizedAsync(http, validation);
            return;
        }

        http.Features.Set(validation.Caller);
        await next(http);
    }
}
