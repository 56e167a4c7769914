using System.Net;

namespace Toolshed.Cli.Daemon;

/// <summary>
/// Whether the CLI may start a daemon for an API URL: only for plain-HTTP loopback URLs, because a daemon started here
/// can only ever answer on this machine.
/// </summary>
public static class AutoStartPolicy
{
    public static bool CanAutoStart(Uri apiUrl)
    {
        ArgumentNullException.ThrowIfNull(apiUrl);
        return apiUrl.IsAbsoluteUri && apiUrl.Scheme == Uri.UriSchemeHttp && IsLoopback(apiUrl);
    }

    public static bool IsLoopback(Uri apiUrl)
    {
        ArgumentNullException.ThrowIfNull(apiUrl);
        if (string.Equals(apiUrl.Host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPAddress.TryParse(BindHost(apiUrl), out var address) && IPAddress.IsLoopback(address);
    }

    /// <summary>The host to pass to `shed serve --host`: an IP address Kestrel can bind, without IPv6 brackets.</summary>
    public static string BindHost(Uri apiUrl)
    {
        ArgumentNullException.ThrowIfNull(apiUrl);
        if (string.Equals(apiUrl.Host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return "127.0.0.1";
        }

        return apiUrl.HostNameType == UriHostNameType.IPv6 ? apiUrl.Host.Trim('[', ']') : apiUrl.Host;
    }
}
