using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Toolshed.Server.Workloads.Validation;

/// <summary>Which addresses a workload's proxy may bind: loopback, the wildcard, or an address of one of this machine's
/// interfaces. Anything else could never be bound (and must never be mistaken for a destination to reach).</summary>
public static class BindAddressRules
{
    /// <summary>The address to bind for <paramref name="host"/>, or null when it is not one of this machine's.</summary>
    public static IPAddress? Resolve(string host, Func<IEnumerable<IPAddress>>? localAddresses = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (host == "localhost")
        {
            return IPAddress.Loopback;
        }

        if (!IPAddress.TryParse(host, out var address))
        {
            return null;
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            return address;
        }

        return (localAddresses ?? InterfaceAddresses)().Contains(address) ? address : null;
    }

    private static IEnumerable<IPAddress> InterfaceAddresses()
    {
        try
        {
            return NetworkInterface.GetAllNetworkInterfaces()
                .SelectMany(network => network.GetIPProperties().UnicastAddresses)
                .Select(unicast => unicast.Address)
                .ToList();
        }
        catch (NetworkInformationException)
        {
            return [];
        }
        catch (SocketException)
        {
            return [];
        }
    }
}
