using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Toolshed.Proxy.Auth;
using Toolshed.Server.Api.Errors;

namespace Toolshed.Server.Ui;

/// <summary>
/// The dashboard at /ui, on the API's own port and origin. `shed ui` asks the API (with its token) for a one-time login
/// link whose code travels in the URL's fragment, which browsers never send to a server nor put in a Referer; the login
/// page posts it to /ui/session and gets an HttpOnly, SameSite=Strict cookie; the API token itself never leaves shed.
/// </summary>
public static class UiEndpoints
{
    public const string BasePath = "/ui";

    public static WebApplication MapToolshedUi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost("/api/v1beta/ui/login-links", (HttpContext http, UiSessionStore sessions) =>
            {
                var (code, expires) = sessions.CreateLink(http.Features.Get<AuthenticatedCaller>());
                var url = $"{http.Request.Scheme}://{http.Request.Host}{BasePath}/login#{code}";
                return Results.Json(new UiLoginLink(url, expires), statusCode: StatusCodes.Status201Created);
            })
            .WithTags("ui")
            .WithName("CreateUiLoginLink")
            .WithSummary("Create a dashboard login link")
            .WithDescription("A link that signs one browser in to /ui once, within two minutes. `shed ui` prints and opens it.")
            .Produces<UiLoginLink>(StatusCodes.Status201Created);

        var ui = app.MapGroup(BasePath).ExcludeFromDescription();
        ui.MapPost("/session", async (HttpContext http, UiSessionStore sessions) =>
        {
            var request = await ReadSessionRequestAsync(http);
            if (sessions.Redeem(request?.Code) is not { } signedIn)
            {
                await ProblemWriter.WriteAsync(http, StatusCodes.Status401Unauthorized, "Login link not valid",
                    "This login link was used already, has expired or was never made by this daemon.",
                    "Run `shed ui` for a new one.");
                return;
            }

            UiCookie.Write(http.Response, signedIn.SessionId, sessions.Options.AbsoluteLifetime);
            http.Response.StatusCode = StatusCodes.Status204NoContent;
        });

        ui.MapPost("/logout", (HttpContext http, UiSessionStore sessions) =>
        {
            sessions.End(UiCookie.Read(http.Request));
            UiCookie.Clear(http.Response);
            return Results.NoContent();
        });

        ui.MapGet("/login", (HttpContext http, UiAssets assets) => assets.WritePageAsync(http, "login.html", StatusCodes.Status200OK));
        ui.MapGet("/assets/{file}", (HttpContext http, string file, UiAssets assets) => assets.WriteAssetAsync(http, file));
        app.MapGet(BasePath, ShellAsync).ExcludeFromDescription(); // also /ui/: routing ignores a trailing slash
        return app;
    }

    /// <summary>The dashboard's one page (its views are routed in the page), or the signed-out page without a session.</summary>
    private static Task ShellAsync(HttpContext http, UiAssets assets) => http.Features.Get<UiSessionFeature>() is null
        ? assets.WritePageAsync(http, "signed-out.html", StatusCodes.Status401Unauthorized)
        : assets.WritePageAsync(http, "index.html", StatusCodes.Status200OK);

    private static async Task<UiSessionRequest?> ReadSessionRequestAsync(HttpContext http)
    {
        try
        {
            return await http.Request.ReadFromJsonAsync(Api.ApiJsonContext.Default.UiSessionRequest, http.RequestAborted);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException)
        {
            return null;
        }
    }
}
