using Microsoft.AspNetCore.Http;

namespace Toolshed.Proxy.Transports;

/// <summary>
/// Guards a loopback-bound proxy against DNS rebinding: a browser page from a foreign origin must not reach a local
/// MCP server. Requests without an Origin (non-browser clients) pass; so do pages served from an allowed host.
/// </summary>
internal static class OriginPolicy
{
    public static bool IsAllowed(HttpRequest request, IReadOnlyList<string> allowedHosts)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return true;
        }

        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri))
        {
            return false;
        }

        return uri.IsLoopback || HostPolicy.IsLoopbackName(uri.Host) || HostPolicy.Contains(allowedHosts, uri.Host);
    }
}
