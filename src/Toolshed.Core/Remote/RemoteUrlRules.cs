using System.Net;
using Toolshed.Core.Errors;

namespace Toolshed.Core.Remote;

/// <summary>
/// Which URLs Toolshed talks to for a remote: https, or http only to a loopback host (for development). Applies to the
/// remote's own URL and to every URL its metadata names (resource metadata, authorization server, token, registration).
/// </summary>
public static class RemoteUrlRules
{
    /// <summary>Why <paramref name="url"/> is not acceptable, or null when it is.</summary>
    public static string? Problem(Uri? url)
    {
        if (url is not { IsAbsoluteUri: true })
        {
            return "it is not an absolute URL";
        }

        if (!string.IsNullOrEmpty(url.UserInfo))
        {
            return "it carries a user name or password; send credentials as a header from a secret instead (--header 'Authorization: Bearer {secret:NAME}')";
        }

        if (!string.IsNullOrEmpty(url.Fragment))
        {
            return "it has a fragment (#…)";
        }

        return url.Scheme switch
        {
            "https" => null,
            "http" when IsLoopback(url) => null,
            "http" => "it is http to a host that is not loopback; use https (http is allowed only to 127.0.0.1, ::1 or localhost)",
            _ => $"its scheme is {url.Scheme}; use https",
        };
    }

    /// <summary>Throws <see cref="InvalidInputException"/> naming <paramref name="what"/> when the URL is not acceptable.</summary>
    public static Uri Require(Uri? url, string what, string field)
    {
        return Problem(url) is { } problem
            ? throw new InvalidInputException($"{what} '{url}' cannot be used: {problem}.", field)
            : url!;
    }

    public static bool IsLoopback(Uri url) =>
        url.IsLoopback || (IPAddress.TryParse(url.IdnHost, out var address) && IPAddress.IsLoopback(address));

    /// <summary>The canonical URI of the remote for the OAuth <c>resource</c> parameter (RFC 8707, as the MCP
    /// authorization specification asks): scheme and host in lower case, no default port, the path without a trailing
    /// slash, no query and no fragment.</summary>
    public static string CanonicalResource(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var authority = url.IsDefaultPort ? url.IdnHost : $"{url.IdnHost}:{url.Port}";
        if (url.HostNameType == UriHostNameType.IPv6)
        {
            authority = url.IsDefaultPort ? $"[{url.IdnHost}]" : $"[{url.IdnHost}]:{url.Port}";
        }

        return $"{url.Scheme.ToLowerInvariant()}://{authority.ToLowerInvariant()}{url.AbsolutePath.TrimEnd('/')}";
    }
}
