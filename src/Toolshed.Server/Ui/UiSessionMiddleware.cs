using Microsoft.AspNetCore.Http;
using Toolshed.Proxy.Auth;

namespace Toolshed.Server.Ui;

/// <summary>
/// Recognises the dashboard's session cookie before the API's own credential check: a live session marks the request
/// (<see cref="UiSessionFeature"/>, and its OIDC caller where there is one). A state change made with the cookie must
/// also say it comes from this origin (an Origin header; the browser guard before this has checked it is ours), so the
/// cookie alone never changes anything.
/// </summary>
internal sealed class UiSessionMiddleware(RequestDelegate next, UiSessionStore sessions)
{
    public Task InvokeAsync(HttpContext http)
    {
        if (UiCookie.Read(http.Request) is { } cookie
            && (IsSafe(http.Request.Method) || http.Request.Headers.Origin.Count == 1)
            && sessions.Find(cookie) is { } session)
        {
            http.Features.Set(new UiSessionFeature(session));
            if (session.Caller is { } caller)
            {
                http.Features.Set<AuthenticatedCaller>(caller);
            }
        }

        return next(http);
    }

    /// <summary>What the API's credential check lets through: a request with a live session, and the dashboard's own
    /// paths, which check the session themselves (the login page must open without one).</summary>
    public static bool IsSignedInOrUiPath(HttpContext http) =>
        http.Features.Get<UiSessionFeature>() is not null || http.Request.Path.StartsWithSegments(UiEndpoints.BasePath, StringComparison.Ordinal);

    private static bool IsSafe(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method);
}
