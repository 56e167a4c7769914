using Toolshed.Core.Tools;
using Toolshed.Server.Groups.Api;

namespace Toolshed.Cli.Output;

/// <summary>
/// The `shed group set` that settles a group's unresolved name collisions: every member after the first renames its
/// entry to MEMBER_NAME. The group's other renames are repeated, because --rename replaces them all.
/// </summary>
internal static class GroupConflictAdvice
{
    public static bool IsUnresolved(GroupConflictInfo conflict)
    {
        ArgumentNullException.ThrowIfNull(conflict);
        return string.Equals(conflict.Resolution, "unresolved", StringComparison.OrdinalIgnoreCase);
    }

    public static string RenameCommand(GroupDetails group)
    {
        ArgumentNullException.ThrowIfNull(group);
        var renames = group.Renames.ToList();
        foreach (var conflict in group.NameConflicts.Where(IsUnresolved))
        {
            foreach (var member in conflict.Members.Skip(1))
            {
                // A member that shows the name through a rename of its own gets that rename changed, not a second one.
                var existing = renames.FindIndex(r => r.Member == member && r.As == conflict.Name);
                var memberName = existing >= 0 ? renames[existing].Name : conflict.Name;
                var newName = $"{member}_{conflict.Name}";
                var rename = new GroupRenameOptions { Member = member, Name = memberName, As = ToolFilterRules.IsToolName(newName) ? newName : "NEW" };
                if (existing >= 0)
                {
                    renames[existing] = rename;
                }
                else
                {
                    renames.Add(rename);
                }
            }
        }

        return $"shed group set {group.Name}" + string.Concat(renames.Select(r => $" --rename {r.Member}/{r.Name}={r.As}"));
    }
}
