namespace Toolshed.Core.Groups;

/// <summary>
/// A group as the user asked for it, stored in the desired state: its members in order (the order
/// <see cref="GroupConflictStrategy.Priority"/> goes by), how name collisions are settled, and the port of its one MCP
/// endpoint (0 until the first start picked one; kept afterwards).
/// </summary>
public sealed record GroupSpec
{
    public required string Name { get; init; }

    public IReadOnlyList<string> Members { get; init; } = [];

    public GroupConflictStrategy Conflicts { get; init; } = GroupConflictStrategy.Prefix;

    public IReadOnlyList<GroupRename> Renames { get; init; } = [];

    /// <summary>Show two tools, find_tool and call_tool, instead of every member's tools (for large tool sets).</summary>
    public bool Optimizer { get; init; }

    /// <summary>The address the group's endpoint binds; loopback unless asked otherwise.</summary>
    public string Host { get; init; } = "127.0.0.1";

    public int Port { get; init; }

    /// <summary>When set, every request to the group's endpoint needs a bearer token from this issuer for this audience.</summary>
    public Workloads.OidcSettings? Oidc { get; init; }

    /// <summary>The Cedar authorization config (ToolHive format) the group's endpoint decides calls with, as text.</summary>
    public string? AuthzConfig { get; init; }
}
