using System.Net;

namespace Toolshed.Egress;

/// <summary>Only clients from the workload's own network may use the proxy, not other containers on the outbound side;
/// with no subnet configured, nobody may.</summary>
internal sealed class ClientFilter(IReadOnlyList<IPNetwork> allowed)
{
    public const string Variable = "TOOLSHED_EGRESS_CLIENT_SUBNETS";

    public static ClientFilter FromEnvironment(Func<string, string?> read)
    {
        var networks = (read(Variable) ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(IPNetwork.Parse)
            .ToList();
        return new ClientFilter(networks);
    }

    public bool Admits(EndPoint? remote)
    {
        // No subnet means no client: an unconfigured sidecar must not become an open proxy.
        if (remote is not IPEndPoint { Address: var address })
        {
            return false;
        }

        var candidate = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return allowed.Any(network => network.Contains(candidate));
    }
}
