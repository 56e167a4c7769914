using Toolshed.Core.Groups;
using Toolshed.Proxy.Groups;
using Toolshed.Server.Groups.Api;
using Toolshed.Server.Groups.Validation;

namespace Toolshed.Server.Groups;

/// <summary>How groups are shown through the API.</summary>
internal static class GroupViews
{
    public static GroupSummary Summary(GroupSpec group, GroupProxy? proxy)
    {
        var members = proxy?.Members;
        return new GroupSummary
        {
            Name = group.Name,
            Conflicts = GroupRequestMapper.Name(group.Conflicts),
            Optimizer = group.Optimizer,
            Host = group.Host,
            Port = proxy?.Port ?? 0,
            Url = proxy is null ? null : Url(group, proxy.Port, "mcp"),
            SseUrl = proxy is null ? null : Url(group, proxy.Port, "sse"),
            Members = [.. group.Members.Select(name => members?.FirstOrDefault(m => m.Name == name) is { } member
                ? new GroupMemberInfo { Name = name, State = member.State, Url = member.McpUrl?.AbsoluteUri }
                : new GroupMemberInfo { Name = name, State = "unknown" })],
            Renames = [.. group.Renames.Select(r => new GroupRenameOptions { Member = r.Member, Name = r.Name, As = r.As })],
        };
    }

    public static GroupDetails Details(GroupSummary summary, GroupInspection inspection, GroupProxy? proxy) => new()
    {
        Name = summary.Name,
        Conflicts = summary.Conflicts,
        Optimizer = summary.Optimizer,
        Host = summary.Host,
        Port = summary.Port,
        Url = summary.Url,
        SseUrl = summary.SseUrl,
        Members = summary.Members,
        Renames = summary.Renames,
        Tools = [.. inspection.Tools.Select(Item)],
        Prompts = [.. inspection.Prompts.Select(Item)],
        NameConflicts = [.. inspection.Conflicts.Select(c => new GroupConflictInfo { Name = c.Name, Members = c.Members, Resolution = c.Resolution })],
        Unavailable = inspection.Unavailable,
        Sessions = proxy?.SessionCount ?? 0,
        MemberSessions = proxy?.MemberSessionCount ?? 0,
    };

    private static GroupItemInfo Item(NamedEntry entry) => new() { Name = entry.Shown, Member = entry.Member, MemberName = entry.Name };

    private static string Url(GroupSpec group, int port, string path) =>
        $"http://{Workloads.WorkloadUrls.UrlHost(group.Host)}:{port}/{path}";
}
