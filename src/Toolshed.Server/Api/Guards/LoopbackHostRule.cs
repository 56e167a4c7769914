using System.Net;

namespace Toolshed.Server.Api.Guards;

/// <summary>
/// Which Host header values a loopback-bound listener answers: loopback names and addresses, with or without a port,
/// plus the names the user allowed (`shed serve --allowed-host`). A page that rebinds its own DNS name to 127.0.0.1
/// still sends that name, so it is refused (the MCP spec's DNS-rebinding rule, applied to the API too).
/// </summary>
public sealed class LoopbackHostRule(IEnumerable<string> allowedHosts)
{
    private readonly HashSet<string> _allowed = new(allowedHosts.Select(Normalize), StringComparer.OrdinalIgnoreCase);

    /// <param name="host">The host part of a Host header or an Origin, without the port ("[::1]" or "::1" for IPv6).</param>
    public bool IsAllowed(string host)
    {
        var name = Normalize(host);
        if (name.Length == 0)
        {
            return false;
        }

        return string.Equals(name, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(name, out var address) && IPAddress.IsLoopback(address))
            || _allowed.Contains(name);
    }

    private static string Normalize(string host) => host.Trim().TrimEnd('.').Trim('[', ']');
}
