using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Toolshed.Server.Api.Errors;

namespace Toolshed.Server.Api.Guards;

/// <summary>
/// Keeps web pages from driving the API, before any credential is looked at: on a loopback listener the Host must
/// be a loopback name (DNS rebinding); a request with an Origin other than the API's own is refused, as is any
/// browser-marked cross-site request; and a state change with a body must send JSON, so that no HTML form (whose
/// bodies are text/plain, urlencoded or multipart, sent cross-site without a preflight) can make one. No CORS header
/// is ever sent, so no other origin can read an answer.
/// </summary>
internal sealed class BrowserGuardMiddleware(RequestDelegate next, BrowserGuardOptions options)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var request = http.Request;
        if (options.CheckHost && !options.IsAllowedName(request.Host.Host))
        {
            await ProblemWriter.WriteAsync(http, StatusCodes.Status403Forbidden, "Host not allowed",
                $"This daemon answers only requests addressed to 127.0.0.1, localhost or [::1], not '{Shorten(request.Host.Host)}'.",
                "To reach it under another name, start it with `shed serve --allowed-host NAME`.");
            return;
        }

        if (!IsSameOrigin(request))
        {
            await ProblemWriter.WriteAsync(http, StatusCodes.Status403Forbidden, "Cross-origin request refused",
                "Requests from web pages of other origins are refused: the API is for shed, the dashboard it serves and local tools.");
            return;
        }

        if (IsStateChange(request.Method) && HasBody(request) && !IsJson(request.ContentType))
        {
            await ProblemWriter.WriteAsync(http, StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                $"A {request.Method} body must be JSON (Content-Type: application/json; charset=utf-8), not '{Shorten(request.ContentType ?? "none")}'.");
            return;
        }

        await next(http);
    }

    private bool IsSameOrigin(HttpRequest request)
    {
        if (string.Equals(request.Headers["Sec-Fetch-Site"].ToString(), "cross-site", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var origin = request.Headers.Origin;
        if (origin.Count == 0)
        {
            return true;
        }

        if (origin.Count > 1 || !Uri.TryCreate(origin[0], UriKind.Absolute, out var uri) || uri.Scheme != request.Scheme)
        {
            return false;
        }

        var port = request.HttpContext.Connection.LocalPort;
        return uri.Port == port && (options.CheckHost
            ? options.IsAllowedName(uri.Host)
            : string.Equals(uri.Host.Trim('[', ']'), request.Host.Host.Trim('[', ']'), StringComparison.OrdinalIgnoreCase));
    }

    private static bool IsStateChange(string method) =>
        HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);

    private static bool HasBody(HttpRequest request) =>
        request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0;

    private static bool IsJson(string? contentType)
    {
        if (contentType is null || !MediaTypeHeaderValue.TryParse(contentType, out var media))
        {
            return false;
        }

        var type = media.MediaType.Value ?? "";
        var json = type.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (type.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && type.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
        var charset = media.Charset.Value;
        return json && (charset is null || charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));
    }

    private static string Shorten(string text) => text.Length <= 100 ? text : text[..100] + "…";
}
