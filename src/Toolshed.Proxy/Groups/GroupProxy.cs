using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using Toolshed.Core.Groups;
using Toolshed.Proxy.Audit;
using Toolshed.Proxy.Sessions;

namespace Toolshed.Proxy.Groups;

/// <summary>
/// A group's one MCP endpoint: its own Kestrel listener serving /mcp, /sse and /messages with the same pipeline as a
/// workload's (Host and Origin checks, OIDC, Cedar, audit), in front of the aggregator of its members' endpoints.
/// Created by <see cref="GroupProxyFactory.StartAsync"/>; listens until <see cref="StopAsync"/>.
/// </summary>
public sealed class GroupProxy : IAsyncDisposable
{
    private static readonly TimeSpan s_gracefulStop = TimeSpan.FromSeconds(2);

    private readonly KestrelServer _server;
    private readonly GroupContext _group;
    private readonly GroupRouter _router;
    private readonly SessionStore _sessions;
    private readonly SessionExpiryService _expiry;
    private readonly AuditLog? _audit;
    private readonly ILogger _logger;
    private int _stopped;

    internal GroupProxy(
        GroupProxyOptions options, int port, KestrelServer server, GroupContext group, GroupRouter router, SessionStore sessions,
        SessionExpiryService expiry, AuditLog? audit, ILogger logger)
    {
        Options = options;
        Port = port;
        _server = server;
        _group = group;
        _router = router;
        _sessions = sessions;
        _expiry = expiry;
        _audit = audit;
        _logger = logger;
    }

    public GroupProxyOptions Options { get; }

    public string GroupName => Options.Endpoint.WorkloadName;

    public int Port { get; }

    public Uri McpUrl => new UriBuilder(Uri.UriSchemeHttp, Options.Endpoint.Host, Port, "mcp").Uri;

    public Uri SseUrl => new UriBuilder(Uri.UriSchemeHttp, Options.Endpoint.Host, Port, "sse").Uri;

    /// <summary>Client sessions open with the group now.</summary>
    public int SessionCount => _sessions.ClientCount;

    /// <summary>Sessions the group holds open with its members now, over all its clients.</summary>
    public int MemberSessionCount => _router.MemberSessionCount;

    public IReadOnlyList<GroupMember> Members => _group.State.Members;

    /// <summary>Serves these members from now on; clients are told (list_changed) when what they can see changed.</summary>
    public Task SetMembersAsync(IReadOnlyList<GroupMember> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        return _router.SetMembersAsync(members);
    }

    /// <summary>A member's lists changed without it coming or going (a new tool filter): clients list again.</summary>
    public void MemberListsChanged() => _router.MemberListsChanged();

    /// <summary>Names what the members offer this way (and shows them all, or find_tool and call_tool) from the next
    /// request on; clients are told (list_changed).</summary>
    public void SetNaming(GroupConflictStrategy conflicts, IReadOnlyList<GroupRename> renames, bool optimizer)
    {
        ArgumentNullException.ThrowIfNull(renames);
        _router.SetNaming(conflicts, renames, optimizer);
    }

    /// <summary>How many optimizer search indexes were built (one per distinct set of tools).</summary>
    public int IndexBuilds => _group.Indexes.Builds;

    /// <summary>Lists the running members through sessions of the group's own and settles their names, as a client would see them.</summary>
    public Task<GroupInspection> InspectAsync() => _router.InspectAsync();

    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        // The router first: it ends every member session (and waits for it) while the HTTP client still exists.
        await _router.DisposeAsync();
        _group.Stop();
        _sessions.Clear();
        using (var grace = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            grace.CancelAfter(s_gracefulStop);
            await _server.StopAsync(grace.Token);
        }

        await _expiry.StopAsync(CancellationToken.None);
        _expiry.Dispose();
        _server.Dispose();
        _audit?.Dispose();
        _group.Dispose();
        GroupLog.GroupStopped(_logger, GroupName, Port);
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
