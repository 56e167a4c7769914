using Toolshed.Core.Groups;

namespace Toolshed.Proxy.Groups;

/// <summary>What a group is at one moment: its members in order and how it names what they offer; swapped whole.</summary>
internal sealed record GroupState(IReadOnlyList<GroupMember> Members, GroupConflictStrategy Conflicts, IReadOnlyList<GroupRename> Renames, bool Optimizer)
{
    public GroupMember? Find(string member) => Members.FirstOrDefault(m => m.Name == member);
}
