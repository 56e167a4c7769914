using Microsoft.AspNetCore.Http;
using Toolshed.Proxy.Auth;

namespace Toolshed.Proxy.Sessions;

/// <summary>
/// Binds a session to the token subject that opened it (when the proxy validates tokens): a request carrying another
/// subject is answered as if the session did not exist, so a leaked session id is useless to other callers.
/// </summary>
internal static class SessionOwner
{
    /// <summary>The subject of the request's validated token ("" for a token without sub); null without OIDC.</summary>
    public static string? Of(HttpContext http) => http.Features.Get<AuthenticatedCaller>() is { } caller ? caller.Subject ?? "" : null;

    public static bool Matches(McpSession session, HttpContext http) => session.Owner is null || session.Owner == Of(http);
}
