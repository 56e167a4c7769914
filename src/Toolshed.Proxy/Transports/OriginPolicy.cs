using System.Net;
using Microsoft.AspNetCore.Http;

namespace Toolshed.Proxy.Transports;

/// <summary>
/// Guards a loopback-bound proxy against DNS rebinding: a browser page from a foreign origin must not reach a local
/// MCP server. Requests without an Origin (non-browser clients) pass.
/// </summary>
internal static class OriginPolicy
{
    public static bool IsAllowed(HttpRequest request, bool boundToLoopback)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0 || !boundToLoopback)
        {
            return true;
        }

        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri))
        {
            return false;
        }

        return uri.IsLoopback
            || string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
    }
}
