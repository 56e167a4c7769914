using Toolshed.Core.Workloads;

namespace Toolshed.Server.Workloads.Validation;

/// <summary>Turns a stored or freshly mapped <see cref="WorkloadSpec"/> into the <see cref="WorkloadDefinition"/> the
/// runtime and the proxy take: the profile parsed and its allow-list checked, once per start rather than per use.</summary>
internal static class WorkloadDefinitions
{
    /// <summary>A profile that does not read, or an allow-list that cannot be enforced, is a 400 naming the field.</summary>
    public static WorkloadDefinition From(WorkloadSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var permissions = PermissionProfileParser.Parse(spec.PermissionProfile);
        return new WorkloadDefinition
        {
            Spec = spec,
            Permissions = permissions,
            AllowList = EgressPolicyRules.For(permissions),
        };
    }
}
