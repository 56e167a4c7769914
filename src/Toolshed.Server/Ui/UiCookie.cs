using Microsoft.AspNetCore.Http;

namespace Toolshed.Server.Ui;

/// <summary>The dashboard's session cookie: HttpOnly (no script reads it), SameSite=Strict (no other site sends it).</summary>
internal static class UiCookie
{
    public const string Name = "toolshed_ui";

    public static string? Read(HttpRequest request) => request.Cookies.TryGetValue(Name, out var value) ? value : null;

    public static void Write(HttpResponse response, string sessionId, TimeSpan lifetime) =>
        response.Cookies.Append(Name, sessionId, Options(lifetime));

    public static void Clear(HttpResponse response) => response.Cookies.Delete(Name, Options(TimeSpan.Zero));

    private static CookieOptions Options(TimeSpan lifetime) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Path = "/",
        MaxAge = lifetime > TimeSpan.Zero ? lifetime : null,
        IsEssential = true,
        // Plain http on loopback is the default; a daemon behind TLS gets a Secure cookie.
        Secure = false,
    };
}
