using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Toolshed.Server.Api.Errors;

namespace Toolshed.Server.Api.Auth;

/// <summary>
/// Guards the API with the daemon's own token (the default, without `--oidc-*`): every request but GET /health (and the
/// dashboard's, which carry its session cookie or are its sign-in pages) must carry <c>Authorization: Bearer &lt;token&gt;</c>, the token from <see cref="ApiToken.Path"/>.
/// </summary>
internal sealed class ApiTokenAuthMiddleware(RequestDelegate next, ApiToken token)
{
    private const string Scheme = "Bearer ";

    public async Task InvokeAsync(HttpContext http)
    {
        if (IsHealthCheck(http.Request) || Ui.UiSessionMiddleware.IsSignedInOrUiPath(http) || (Presented(http.Request) is { } presented && token.Matches(presented)))
        {
            await next(http);
            return;
        }

        var missing = http.Request.Headers.Authorization.Count == 0;
        http.Response.Headers[HeaderNames.WWWAuthenticate] = missing
            ? "Bearer realm=\"toolshed\""
            : "Bearer realm=\"toolshed\", error=\"invalid_token\"";
        await ProblemWriter.WriteAsync(
            http,
            StatusCodes.Status401Unauthorized,
            "Unauthorized",
            (missing ? "This API needs a token" : "The token sent is not this daemon's")
                + $": send 'Authorization: Bearer <token>' with the token in {token.Path}.",
            "shed reads that file by itself (or TOOLSHED_API_TOKEN); `shed daemon token` prints it for other clients.");
    }

    internal static bool IsHealthCheck(HttpRequest request) =>
        request.Path.Equals("/health", StringComparison.Ordinal) && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method));

    private static string? Presented(HttpRequest request)
    {
        var header = request.Headers.Authorization;
        if (header.Count != 1 || header[0] is not { } value || !value.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return value[Scheme.Length..].Trim();
    }
}
