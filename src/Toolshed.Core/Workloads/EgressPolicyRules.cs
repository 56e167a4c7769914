using Toolshed.Core.Errors;
using Toolshed.Core.Registry;
using Toolshed.Egress.Policy;

namespace Toolshed.Core.Workloads;

/// <summary>Reads the egress allow-list out of a permission profile.</summary>
public static class EgressPolicyRules
{
    private const string Field = "permission_profile";

    /// <summary>The allow-list to enforce, or null when the profile grants no network (none) or all of it
    /// (<c>insecure_allow_all</c>); a malformed list is a 400 naming the entry.</summary>
    public static EgressPolicy? For(RegistryPermissions permissions)
    {
        ArgumentNullException.ThrowIfNull(permissions);
        var outbound = permissions.Network.Outbound;
        if (outbound.InsecureAllowAll || (outbound.AllowHost.Count == 0 && outbound.AllowPort.Count == 0))
        {
            return null;
        }

        foreach (var transport in outbound.AllowTransport)
        {
            if (!string.Equals(transport, "tcp", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidInputException(
                    $"permission_profile network.outbound.allow_transport '{transport}' cannot be enforced: only tcp goes through the egress proxy. Remove it, or use insecure_allow_all.",
                    Field);
            }
        }

        try
        {
            return EgressPolicy.Create(outbound.AllowHost, outbound.AllowPort);
        }
        catch (FormatException ex)
        {
            throw new InvalidInputException($"permission_profile network.outbound: {ex.Message}", Field);
        }
    }
}
