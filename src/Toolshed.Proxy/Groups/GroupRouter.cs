using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Toolshed.Proxy.Authz;
using Toolshed.Proxy.Protocol;
using Toolshed.Proxy.Sessions;

namespace Toolshed.Proxy.Groups;

/// <summary>
/// The aggregator behind a group's transports: one <see cref="GroupClientSession"/> per client session (made at its
/// first message, disposed when it ends), and what changes the group for all of them at once: its members and how it
/// names what they offer, each change told to every client as list_changed.
/// </summary>
internal sealed class GroupRouter(GroupContext group, SessionStore sessions) : IClientMessageHandler, IAsyncDisposable
{
    private static readonly CatalogKind[] s_named = [CatalogKind.Tools, CatalogKind.Prompts];

    private readonly ConcurrentDictionary<string, GroupClientSession> _clients = new(StringComparer.Ordinal);

    public int MemberSessionCount => _clients.Values.Sum(c => c.OpenMemberSessions);

    public ValueTask HandleClientMessageAsync(
        McpSession session, JsonObject message, MessageSink sink, McpCall? call, CancellationToken cancellationToken)
    {
        if (!_clients.TryGetValue(session.Id, out var client))
        {
            client = _clients.GetOrAdd(session.Id, _ => new GroupClientSession(group, session));
            session.Ended.Register(() => _ = EndAsync(session.Id));
        }

        return client.HandleAsync(message, sink, call);
    }

    /// <summary>
    /// Serves <paramref name="members"/> from now on. Sessions with members that left, stopped or moved are closed; when
    /// anything a client could see changed, every client's lists are built again and it is told so.
    /// </summary>
    public async Task SetMembersAsync(IReadOnlyList<GroupMember> members)
    {
        var before = group.State;
        group.State = before with { Members = members };
        var gone = before.Members
            .Where(old => members.FirstOrDefault(m => m.Name == old.Name) is not { } now || !now.IsRunning || now.McpUrl != old.McpUrl)
            .Select(m => m.Name)
            .ToList();
        var changed = gone.Count > 0 || !before.Members.Where(m => m.IsRunning).Select(m => m.Name)
            .SequenceEqual(members.Where(m => m.IsRunning).Select(m => m.Name), StringComparer.Ordinal);
        // All at once: each drop says goodbye to the member (bounded), and callers wait for this.
        await Task.WhenAll(_clients.Values.SelectMany(client => gone.Select(client.DropMemberAsync)));

        if (changed)
        {
            GroupLog.MembersChanged(group.Logger, group.Name, string.Join(", ", members.Select(m => $"{m.Name}: {m.State}")));
            Changed(CatalogKinds.All);
        }
    }

    /// <summary>A member's own lists changed (its tool filter, say): every client's lists are built again.</summary>
    public void MemberListsChanged() => Changed(CatalogKinds.All);

    public void SetNaming(Core.Groups.GroupConflictStrategy conflicts, IReadOnlyList<Core.Groups.GroupRename> renames, bool optimizer)
    {
        group.State = group.State with { Conflicts = conflicts, Renames = renames, Optimizer = optimizer };
        Changed(s_named);
    }

    /// <summary>The group's tools and prompts as a client without a policy sees them, through sessions of the daemon's own.</summary>
    public async Task<GroupInspection> InspectAsync()
    {
        await using var look = new GroupClientSession(group, session: null);
        var tools = await look.CatalogAsync(CatalogKind.Tools);
        var prompts = await look.CatalogAsync(CatalogKind.Prompts);
        return new GroupInspection(
            [.. tools.Entries.Select(e => new NamedEntry(e.Key, e.Value.Member, e.Value.Name))],
            [.. prompts.Entries.Select(e => new NamedEntry(e.Key, e.Value.Member, e.Value.Name))],
            [.. tools.Conflicts, .. prompts.Conflicts],
            tools.Unavailable.Concat(prompts.Unavailable).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal));
    }

    public async ValueTask DisposeAsync() => await Task.WhenAll(_clients.Keys.Select(EndAsync));

    private void Changed(IEnumerable<CatalogKind> kinds)
    {
        var list = kinds.ToList();
        foreach (var client in _clients.Values)
        {
            client.InvalidateAll();
        }

        foreach (var notification in list.Select(k => k.ChangedNotification()).Distinct(StringComparer.Ordinal))
        {
            sessions.Broadcast(JsonRpc.ToUtf8(new JsonObject { ["jsonrpc"] = "2.0", ["method"] = notification }));
        }
    }

    private async Task EndAsync(string sessionId)
    {
        if (_clients.TryRemove(sessionId, out var client))
        {
            await client.DisposeAsync();
        }
    }
}
