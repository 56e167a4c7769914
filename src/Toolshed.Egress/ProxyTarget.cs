using System.Globalization;
using Toolshed.Egress.Policy;

namespace Toolshed.Egress;

/// <summary>Where a proxied request wants to go: from a CONNECT authority or an absolute http:// URL.</summary>
internal sealed record ProxyTarget(string Host, int Port, Uri? Url)
{
    /// <summary>Parses the request target; null with a reason when the proxy cannot serve it.</summary>
    public static ProxyTarget? TryParse(RequestHead head, out string? error)
    {
        ArgumentNullException.ThrowIfNull(head);
        error = null;
        if (head.Method.Equals("CONNECT", StringComparison.OrdinalIgnoreCase))
        {
            var colon = head.Target.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(head.Target.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
                || port is < 1 or > 65535)
            {
                error = $"CONNECT needs host:port, got '{head.Target}'";
                return null;
            }

            var host = head.Target[..colon].Trim('[', ']');
            if (!HostRule.IsValidDestination(host))
            {
                error = "CONNECT needs a host name or an IP address";
                return null;
            }

            return new ProxyTarget(HostRule.Normalize(host), port, null);
        }

        if (!Uri.TryCreate(head.Target, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttp)
        {
            error = url?.Scheme == Uri.UriSchemeHttps
                ? "https:// requests go through CONNECT"
                : $"this is a forward proxy; send an absolute http:// URL or CONNECT, got '{head.Target}'";
            return null;
        }

        if (!HostRule.IsValidDestination(url.IdnHost))
        {
            error = "the URL needs a host name or an IP address";
            return null;
        }

        return new ProxyTarget(HostRule.Normalize(url.IdnHost), url.Port, url);
    }
}
