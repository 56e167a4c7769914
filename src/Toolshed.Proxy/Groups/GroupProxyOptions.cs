using Toolshed.Core.Groups;

namespace Toolshed.Proxy.Groups;

/// <summary>
/// A group's endpoint: where it listens and how it authenticates, authorizes and audits (<see cref="Endpoint"/>, with
/// the group's name as its <see cref="WorkloadProxyOptions.WorkloadName"/>; its transport and tool filter are not
/// used), how it names what its members offer, and who they are.
/// </summary>
public sealed record GroupProxyOptions
{
    public required WorkloadProxyOptions Endpoint { get; init; }

    public GroupConflictStrategy Conflicts { get; init; } = GroupConflictStrategy.Prefix;

    public IReadOnlyList<GroupRename> Renames { get; init; } = [];

    /// <summary>Show two tools, find_tool (a ranked search) and call_tool, instead of every member's tools.</summary>
    public bool Optimizer { get; init; }

    /// <summary>The members in the group's order; changed later with <see cref="GroupProxy.SetMembersAsync"/>.</summary>
    public IReadOnlyList<GroupMember> Members { get; init; } = [];

    /// <summary>At most this many member sessions are being opened at once, across the group's clients.</summary>
    public int MaxParallelOpens { get; init; } = 8;

    /// <summary>How long opening one member session may take before that member counts as unavailable.</summary>
    public TimeSpan OpenTimeout { get; init; } = TimeSpan.FromSeconds(15);
}
