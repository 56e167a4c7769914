namespace Toolshed.Core.Groups;

/// <summary>What a group does when two of its members offer a tool (or prompt) under the same name.</summary>
public enum GroupConflictStrategy
{
    /// <summary>Only the colliding names are shown as <c>member_name</c>; every other name stays as its server gives it.</summary>
    Prefix,

    /// <summary>The member listed first in the group keeps the name; the others' colliding entries are not shown.</summary>
    Priority,

    /// <summary>The group's renames must settle every collision; until they do, its endpoint refuses to list or call.</summary>
    Manual,
}
