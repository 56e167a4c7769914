using System.Net;
using System.Net.Sockets;
using Toolshed.Egress.Policy;

namespace Toolshed.Egress;

/// <summary>
/// Addresses the proxy never dials for a name, whatever the policy: loopback (the sidecar itself), link-local (cloud
/// metadata services live at 169.254.169.254), unspecified and multicast. An allow_host entry naming such an address
/// exactly still reaches it. The proxy dials the addresses it checked, so a name cannot re-resolve elsewhere.
/// </summary>
internal sealed class DestinationGuard(bool allowLoopback = false)
{
    public static DestinationGuard Default { get; } = new();

    /// <summary>The addresses of <paramref name="host"/> the proxy may dial (empty when none).</summary>
    public async Task<IReadOnlyList<IPAddress>> ResolveAsync(string host, EgressPolicy policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (IPAddress.TryParse(host, out var literal))
        {
            return IsDialable(literal) || NamedExactly(literal, policy) ? [literal] : [];
        }

        var addresses = await Dns.GetHostAddressesAsync(host, cancellationToken);
        return [.. addresses.Where(IsDialable)];
    }

    private bool IsDialable(IPAddress address)
    {
        var candidate = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        if (IPAddress.IsLoopback(candidate))
        {
            return allowLoopback;
        }

        if (candidate.Equals(IPAddress.Any) || candidate.Equals(IPAddress.IPv6Any) || candidate.Equals(IPAddress.Broadcast))
        {
            return false;
        }

        if (candidate.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return !candidate.IsIPv6LinkLocal && !candidate.IsIPv6Multicast && !candidate.IsIPv6SiteLocal;
        }

        var bytes = candidate.GetAddressBytes();
        return !(bytes[0] == 169 && bytes[1] == 254) && bytes[0] is < 224;
    }

    private static bool NamedExactly(IPAddress address, EgressPolicy policy) =>
        policy.Hosts.Any(rule => rule.Kind == HostRuleKind.Exact && rule.Domain == address.ToString());
}
