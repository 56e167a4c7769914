using System.Globalization;
using Toolshed.Server.Groups.Api;

namespace Toolshed.Cli.Output;

/// <summary>
/// `shed group inspect`'s text view: the endpoint, the members and their state, what the group shows (tools and
/// prompts, the renamed ones marked), its name collisions with how each was settled and how to settle the
/// unresolved ones, the members that could not be listed, and its sessions.
/// </summary>
internal static class GroupDetailsText
{
    private const string Indent = "  ";

    public static async Task WriteAsync(TextWriter writer, GroupDetails group)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(group);
        await writer.WriteLineAsync($"Group:           {group.Name}");
        await GroupSummaryText.WriteUrlsAsync(writer, group, "");
        await writer.WriteLineAsync($"Bind:            {group.Host}:{group.Port.ToString(CultureInfo.InvariantCulture)}");
        await writer.WriteLineAsync($"Conflicts:       {group.Conflicts}");
        if (group.Optimizer)
        {
            await writer.WriteLineAsync("Optimizer:       on: clients see find_tool and call_tool, which search and call the tools below");
        }
        await writer.WriteLineAsync(FormattableString.Invariant(
            $"Sessions:        {group.Sessions} with clients, {group.MemberSessions} with members"));
        await WriteMembersAsync(writer, group);
        var renamed = await WriteItemsAsync(writer, group, "Tools", group.Tools);
        renamed |= await WriteItemsAsync(writer, group, "Prompts", group.Prompts);
        if (renamed)
        {
            await writer.WriteLineAsync($"* renamed by the group; `shed group set {group.Name} --rename MEMBER/NAME=NEW` replaces its renames.");
        }

        await WriteConflictsAsync(writer, group);
        await WriteUnavailableAsync(writer, group);
    }

    private static async Task WriteMembersAsync(TextWriter writer, GroupDetails group)
    {
        await writer.WriteLineAsync();
        if (group.Members.Count == 0)
        {
            await writer.WriteLineAsync($"Members: none. Add one with `shed group add {group.Name} WORKLOAD`.");
            return;
        }

        await writer.WriteLineAsync(FormattableString.Invariant($"Members ({GroupSummaryText.RunningOfTotal(group)} running):"));
        await GroupSummaryText.MembersTable(group).WriteAsync(writer, Indent);
        foreach (var member in group.Members.Where(m => m.State == "missing"))
        {
            await writer.WriteLineAsync(
                $"{Indent}'{member.Name}' was removed; take it out with `shed group remove {group.Name} {member.Name}`, or run a workload of that name again.");
        }

        if (group.Members.Any(m => m.State == "stopped"))
        {
            await writer.WriteLineAsync($"{Indent}Stopped members show nothing until they run again (`shed restart WORKLOAD`).");
        }
    }

    /// <summary>Writes one section of tools or prompts; true when one of them is shown under a rename.</summary>
    private static async Task<bool> WriteItemsAsync(TextWriter writer, GroupDetails group, string heading, IReadOnlyList<GroupItemInfo> items)
    {
        await writer.WriteLineAsync();
        if (items.Count == 0)
        {
            await writer.WriteLineAsync($"{heading}: none");
            return false;
        }

        await writer.WriteLineAsync(FormattableString.Invariant($"{heading} ({items.Count}):"));
        var table = new TableWriter("NAME", "MEMBER", "MEMBER NAME");
        var renamed = false;
        foreach (var item in items.OrderBy(i => i.Name, StringComparer.Ordinal))
        {
            var isRenamed = group.Renames.Any(r => r.Member == item.Member && r.Name == item.MemberName && r.As == item.Name);
            renamed |= isRenamed;
            table.AddRow(isRenamed ? item.Name + "*" : item.Name, item.Member, item.MemberName);
        }

        await table.WriteAsync(writer, Indent);
        return renamed;
    }

    private static async Task WriteConflictsAsync(TextWriter writer, GroupDetails group)
    {
        await writer.WriteLineAsync();
        if (group.NameConflicts.Count == 0)
        {
            await writer.WriteLineAsync("Name conflicts: none");
            return;
        }

        await writer.WriteLineAsync(FormattableString.Invariant($"Name conflicts ({group.NameConflicts.Count}):"));
        var table = new TableWriter("NAME", "MEMBERS", "RESOLUTION");
        foreach (var conflict in group.NameConflicts)
        {
            var resolution = GroupConflictAdvice.IsUnresolved(conflict) ? "UNRESOLVED" : conflict.Resolution;
            table.AddRow(conflict.Name, string.Join(", ", conflict.Members), resolution);
        }

        await table.WriteAsync(writer, Indent);
        var unresolved = group.NameConflicts.Count(GroupConflictAdvice.IsUnresolved);
        if (unresolved > 0)
        {
            var names = unresolved == 1 ? "1 name is" : FormattableString.Invariant($"{unresolved} names are");
            await writer.WriteLineAsync(
                $"{names} UNRESOLVED: until every collision is settled, the group's clients get an error instead of its list, and no call goes through. "
                + "Rename the colliding entries (--rename replaces all renames, so the command repeats the ones kept):");
            await writer.WriteLineAsync($"{Indent}{GroupConflictAdvice.RenameCommand(group)}");
            if (group.Conflicts != "prefix")
            {
                await writer.WriteLineAsync($"or show colliding names as MEMBER_NAME: `shed group set {group.Name} --conflicts prefix`.");
            }
        }
    }

    private static async Task WriteUnavailableAsync(TextWriter writer, GroupDetails group)
    {
        if (group.Unavailable.Count == 0)
        {
            return;
        }

        await writer.WriteLineAsync();
        await writer.WriteLineAsync("Unavailable (running, but could not be listed; their tools and prompts are missing above):");
        foreach (var (member, reason) in group.Unavailable.OrderBy(u => u.Key, StringComparer.Ordinal))
        {
            await writer.WriteLineAsync($"{Indent}{member}: {TableWriter.Truncate(reason, 200)} (see `shed logs {member}`)");
        }
    }
}
