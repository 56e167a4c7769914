using System.Net;

namespace Toolshed.Proxy.Transports;

/// <summary>
/// Guards a loopback-bound listener against DNS rebinding: a page on a name the attacker controls, re-pointed at
/// 127.0.0.1, reaches the listener with that name in its Host header. Only a loopback address (any 127.x, ::1),
/// <c>localhost</c>, or a name the user allowed (<c>shed serve --allowed-host NAME</c>) may be the Host, with or without
/// a port. Shared by the workload proxies and the REST API.
/// </summary>
public static class HostPolicy
{
    /// <summary>Whether <paramref name="host"/> (a Host header value) names this machine or an allowed name.</summary>
    public static bool IsAllowed(string? host, IReadOnlyList<string> allowedHosts)
    {
        ArgumentNullException.ThrowIfNull(allowedHosts);
        var name = NameOf(host);
        if (name is null)
        {
            return false;
        }

        return IsLoopbackName(name) || Contains(allowedHosts, name);
    }

    /// <summary>Whether <paramref name="name"/> (no port, IPv6 with or without brackets) is a loopback address or localhost.</summary>
    public static bool IsLoopbackName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return string.Equals(name, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(name.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
    }

    /// <summary>Whether <paramref name="name"/> is one of <paramref name="allowedHosts"/> (case-insensitive, ports ignored).</summary>
    public static bool Contains(IReadOnlyList<string> allowedHosts, string name)
    {
        ArgumentNullException.ThrowIfNull(allowedHosts);
        foreach (var allowed in allowedHosts)
        {
            if (string.Equals(NameOf(allowed) ?? allowed, name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether an allowed-host entry is usable: a DNS name or an IP address, without scheme, path or port.</summary>
    public static bool IsValidEntry(string? entry) =>
        !string.IsNullOrWhiteSpace(entry) && Uri.CheckHostName(entry.Trim('[', ']')) != UriHostNameType.Unknown;

    /// <summary>The host part of a Host header value ("[::1]:8080" gives "[::1]"), or null when it has none.</summary>
    private static string? NameOf(string? host)
    {
        if (string.IsNullOrWhiteSpace(host))
        {
            return null;
        }

        if (host[0] == '[')
        {
            var close = host.IndexOf(']', StringComparison.Ordinal);
            return close < 0 || (close + 1 < host.Length && host[close + 1] != ':') ? null : host[..(close + 1)];
        }

        var colon = host.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0 && host.IndexOf(':', colon + 1) >= 0)
        {
            // A bare IPv6 address is not a valid Host; take it as it is so ::1 still matches.
            return host;
        }

        var name = colon < 0 ? host : host[..colon];
        return name.Length == 0 ? null : name.TrimEnd('.');
    }
}
