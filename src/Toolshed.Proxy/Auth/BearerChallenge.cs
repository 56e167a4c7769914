using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Toolshed.Proxy.Auth;

/// <summary>
/// Writes 401 answers (RFC 6750 §3) that point the client at the protected-resource metadata (RFC 9728 §5.1), and
/// serves that document, for the proxies and the daemon's API alike.
/// </summary>
public static class BearerChallenge
{
    public const string MetadataPath = "/.well-known/oauth-protected-resource";

    public static string BaseUrl(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return $"{request.Scheme}://{request.Host}";
    }

    /// <summary>The value of WWW-Authenticate for a failed validation.</summary>
    public static string HeaderValue(BearerValidation validation, string metadataUrl) => validation.IsMissing
        ? $"Bearer resource_metadata=\"{metadataUrl}\""
        : $"Bearer error=\"invalid_token\", error_description=\"{validation.ErrorDescription}\", resource_metadata=\"{metadataUrl}\"";

    public static async Task WriteUnauthorizedAsync(HttpContext http, BearerValidation validation)
    {
        ArgumentNullException.ThrowIfNull(http);
        var response = http.Response;
        response.StatusCode = StatusCodes.Status401Unauthorized;
        response.Headers.WWWAuthenticate = HeaderValue(validation, BaseUrl(http.Request) + MetadataPath);
        response.ContentType = "application/json";
        var body = new AuthErrorBody(validation.IsMissing ? "unauthorized" : "invalid_token", validation.ErrorDescription ?? "");
        await JsonSerializer.SerializeAsync(response.Body, body, AuthJsonContext.Default.AuthErrorBody, http.RequestAborted);
    }

    /// <summary>Whether the request asks for the metadata document (also in its path-suffixed form, e.g. …/mcp).</summary>
    public static bool IsMetadataRequest(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Path.StartsWithSegments(MetadataPath, StringComparison.Ordinal);
    }

    public static async Task WriteMetadataAsync(HttpContext http, string issuer, string resourceName)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method))
        {
            http.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }

        var suffix = http.Request.Path.Value![MetadataPath.Length..].TrimEnd('/');
        var document = new ProtectedResourceMetadata
        {
            Resource = BaseUrl(http.Request) + suffix,
            AuthorizationServers = [issuer],
            BearerMethodsSupported = ["header"],
            ResourceName = resourceName,
        };
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/json";
        http.Response.Headers.CacheControl = "max-age=300";
        await JsonSerializer.SerializeAsync(http.Response.Body, document, AuthJsonContext.Default.ProtectedResourceMetadata, http.RequestAborted);
    }
}
