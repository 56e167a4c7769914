using Toolshed.Server.Groups.Api;

namespace Toolshed.Cli.Output;

/// <summary>
/// What the group verbs that change a group print: the one URL to give an MCP client, its members with their state,
/// and its explicit names.
/// </summary>
internal static class GroupSummaryText
{
    public static async Task WriteAsync(TextWriter writer, GroupSummary group)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(group);
        await WriteUrlsAsync(writer, group, "  ");
        await writer.WriteLineAsync($"  Conflicts:       {group.Conflicts}");
        if (group.Optimizer)
        {
            await writer.WriteLineAsync("  Optimizer:       on (clients see find_tool and call_tool)");
        }
        if (group.Members.Count == 0)
        {
            await writer.WriteLineAsync($"No members yet: add one with `shed group add {group.Name} WORKLOAD`, or start one in it with `shed run SERVER --group {group.Name}`.");
        }
        else
        {
            await writer.WriteLineAsync();
            await MembersTable(group).WriteAsync(writer, "  ");
        }

        if (group.Renames.Count > 0)
        {
            await writer.WriteLineAsync();
            await writer.WriteLineAsync("  Renames:");
            foreach (var rename in group.Renames)
            {
                await writer.WriteLineAsync($"    {rename.Member}/{rename.Name} -> {rename.As}");
            }
        }
    }

    /// <summary>The group's endpoint, or why there is none to give a client.</summary>
    public static async Task WriteUrlsAsync(TextWriter writer, GroupSummary group, string indent)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(group);
        await writer.WriteLineAsync($"{indent}Streamable HTTP: {UrlOrWhyNot(group.Url)}");
        await writer.WriteLineAsync($"{indent}SSE (legacy):    {UrlOrWhyNot(group.SseUrl)}");
    }

    public static TableWriter MembersTable(GroupSummary group)
    {
        ArgumentNullException.ThrowIfNull(group);
        var table = new TableWriter("MEMBER", "STATE", "URL");
        foreach (var member in group.Members)
        {
            table.AddRow(member.Name, member.State, member.Url);
        }

        return table;
    }

    /// <summary>How many members run, of how many: "2/3".</summary>
    public static string RunningOfTotal(GroupSummary group)
    {
        ArgumentNullException.ThrowIfNull(group);
        var running = group.Members.Count(m => m.State == "running");
        return FormattableString.Invariant($"{running}/{group.Members.Count}");
    }

    public static string UrlOrWhyNot(string? url) =>
        url is { Length: > 0 } ? url : "(not listening; see the daemon's log: `shed daemon status`)";
}
