using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Toolshed.Proxy.Protocol;
using Toolshed.Proxy.Sessions;

namespace Toolshed.Proxy.Groups;

/// <summary>
/// One client's session with a group: at most one session with each member, opened when first needed (several at
/// once, within the group's bound) with the client's own capabilities and closed with this one or when the member
/// goes; the lists as this client sees them, built from those sessions and kept until something changes; and the
/// requests in flight both ways. This half holds the member sessions and the lists; <c>.Requests.cs</c> routes what
/// the client sends, <c>.Member.cs</c> what the members send.
/// </summary>
internal sealed partial class GroupClientSession : IAsyncDisposable
{
    private const int MaxListPages = 50;
    private const int MaxListedItems = 10_000;

    private readonly GroupContext _group;
    private readonly ConcurrentDictionary<string, Task<MemberConnection>> _connections = new(StringComparer.Ordinal);
    private readonly Lock _connectionLock = new();
    private readonly Lock _catalogLock = new();
    private readonly Task<GroupCatalog>?[] _catalogs = new Task<GroupCatalog>?[CatalogKinds.All.Length];
    private readonly GroupCatalog?[] _previous = new GroupCatalog?[CatalogKinds.All.Length];
    private JsonObject _initializeParams;
    private int _disposed;

    public GroupClientSession(GroupContext group, McpSession? session)
    {
        _group = group;
        Session = session;
        _initializeParams = DefaultInitializeParams(group.Name);
    }

    /// <summary>The client's session with the group; null for the daemon's own look at the group (inspect).</summary>
    public McpSession? Session { get; }

    /// <summary>How many member sessions are open now.</summary>
    public int OpenMemberSessions => _connections.Values.Count(t => t.IsCompletedSuccessfully && t.Result.IsOpen);

    /// <summary>Forgets every list: the next request builds it again from the members.</summary>
    public void InvalidateAll()
    {
        foreach (var kind in CatalogKinds.All)
        {
            Invalidate(kind);
        }
    }

    /// <summary>Ends the session with <paramref name="member"/>, if one is open (the member went away or is down).</summary>
    public async Task DropMemberAsync(string member)
    {
        if (_connections.TryRemove(member, out var opening))
        {
            foreach (var (key, held) in _held)
            {
                if (held.Connection.Member == member)
                {
                    _held.TryRemove(key, out _);
                }
            }

            await DisposeQuietlyAsync(opening);
        }
    }

    /// <summary>The list of <paramref name="kind"/> as this client sees it, built once until invalidated.</summary>
    public Task<GroupCatalog> CatalogAsync(CatalogKind kind)
    {
        lock (_catalogLock)
        {
            var index = (int)kind;
            if (_catalogs[index] is { IsFaulted: false, IsCanceled: false } cached)
            {
                return cached;
            }

            return _catalogs[index] = BuildAsync(kind);
        }
    }

    public async ValueTask DisposeAsync()
    {
        lock (_connectionLock)
        {
            // Under the lock that adds connections: none can be added after this.
            if (Interlocked.Exchange(ref _disposed, 1) != 0)
            {
                return;
            }
        }

        foreach (var request in _inFlight.Values)
        {
            request.Cancel(byClient: false);
        }

        foreach (var key in _held.Keys)
        {
            _held.TryRemove(key, out _);
        }

        await Task.WhenAll(_connections.Keys.Select(DropMemberAsync));
    }

    private void Invalidate(CatalogKind kind)
    {
        lock (_catalogLock)
        {
            var index = (int)kind;
            if (_catalogs[index] is { IsCompletedSuccessfully: true } built)
            {
                _previous[index] = built.Result;
            }

            _catalogs[index] = null;
        }
    }

    /// <summary>The list this client saw before the last change; tells a call of a member's tool that the member is down.</summary>
    private GroupCatalog? Previous(CatalogKind kind)
    {
        lock (_catalogLock)
        {
            return _previous[(int)kind];
        }
    }

    private async Task<GroupCatalog> BuildAsync(CatalogKind kind)
    {
        await Task.Yield();
        var state = _group.State;
        var running = state.Members.Where(m => m.IsRunning).ToList();
        var listings = await Task.WhenAll(running.Select(async member =>
        {
            try
            {
                var connection = await ConnectionAsync(member.Name, _group.Stopping);
                return (member.Name, await ListAsync(connection, kind), (string?)null);
            }
            catch (MemberUnavailableException ex)
            {
                return (member.Name, (JsonArray?)null, ex.Message);
            }
            catch (Exception ex) when (ex is InvalidOperationException or FormatException or HttpRequestException or IOException)
            {
                // A member that answers nonsense is unavailable for this list; the others still serve.
                return (member.Name, (JsonArray?)null, $"member '{member.Name}' gave an answer that is not a list: {ex.Message}");
            }
        }));
        var catalog = GroupCatalog.Build(kind, state.Conflicts, state.Renames, listings);
        if (kind.IsNamed())
        {
            if (_group.LastSeen.Count > GroupContext.MaxLastSeen)
            {
                _group.LastSeen.Clear();
            }

            foreach (var (shown, entry) in catalog.Entries)
            {
                _group.LastSeen[(kind, shown)] = entry.Member;
            }
        }

        // Every session of a group usually sees the same lists: they share one copy.
        var key = catalog.ContentKey();
        if (_group.SharedCatalogs.TryGetValue(key, out var shared))
        {
            return shared;
        }

        if (_group.SharedCatalogs.Count >= GroupContext.MaxSharedCatalogs)
        {
            _group.SharedCatalogs.Clear();
        }

        return _group.SharedCatalogs.GetOrAdd(key, catalog);
    }

    /// <summary>Every page of one member's list (bounded); a member without the capability lists nothing.</summary>
    private async Task<JsonArray> ListAsync(MemberConnection connection, CatalogKind kind)
    {
        var items = new JsonArray();
        string? cursor = null;
        for (var page = 0; page < MaxListPages && items.Count < MaxListedItems; page++)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_group.Stopping);
            timeout.CancelAfter(_group.Options.OpenTimeout);
            var parameters = cursor is null ? null : new JsonObject { ["cursor"] = cursor };
            JsonObject answer;
            try
            {
                answer = await connection.RequestAsync(kind.ListMethod(), parameters, timeout.Token);
            }
            catch (OperationCanceledException) when (!_group.Stopping.IsCancellationRequested)
            {
                throw new MemberUnavailableException($"member '{connection.Member}' did not list its {kind.ResultKey()} in time");
            }

            if (answer["error"] is JsonObject error)
            {
                return error["code"] is JsonValue code && code.TryGetValue(out int c) && c == McpProtocol.MethodNotFound
                    ? items
                    : throw new MemberUnavailableException($"member '{connection.Member}' could not list its {kind.ResultKey()}: {error["message"]}");
            }

            var result = answer["result"] as JsonObject;
            if (result?[kind.ResultKey()] is JsonArray listed)
            {
                foreach (var item in listed.OfType<JsonObject>().Take(MaxListedItems - items.Count).ToList())
                {
                    listed.Remove(item);
                    items.Add(item);
                }
            }

            cursor = result?["nextCursor"] is JsonValue next && next.TryGetValue(out string? text) ? text : null;
            if (cursor is null)
            {
                break;
            }
        }

        return items;
    }

    /// <summary>The open session with <paramref name="memberName"/>, opened now if there is none (or it ended).</summary>
    private async Task<MemberConnection> ConnectionAsync(string memberName, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var member = _group.State.Find(memberName);
            if (member is not { IsRunning: true, McpUrl: not null })
            {
                throw new MemberUnavailableException(
                    $"Member '{memberName}' of group '{_group.Name}' is not running ({member?.State ?? "not a member"}); start it with `shed restart {memberName}`.");
            }

            Task<MemberConnection> opening;
            lock (_connectionLock)
            {
                // One open per member at a time: GetOrAdd alone may run its factory twice and leak the loser's session.
                ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
                if (!_connections.TryGetValue(memberName, out opening!))
                {
                    opening = OpenAsync(member);
                    _connections[memberName] = opening;
                }
            }

            try
            {
                var connection = await opening.WaitAsync(cancellationToken);
                if (connection.IsOpen || attempt > 0)
                {
                    return connection;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || opening.IsCompleted)
            {
                // A failed or cancelled open is forgotten, so the next request opens anew.
                _connections.TryRemove(new KeyValuePair<string, Task<MemberConnection>>(memberName, opening));
                throw ex as MemberUnavailableException ?? new MemberUnavailableException($"member '{memberName}' cannot be reached: {ex.Message}");
            }

            if (_connections.TryRemove(new KeyValuePair<string, Task<MemberConnection>>(memberName, opening)))
            {
                await DisposeQuietlyAsync(opening);
            }
        }
    }

    private async Task<MemberConnection> OpenAsync(GroupMember member)
    {
        // The wait for a free slot counts against the open's own time limit.
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(_group.Stopping);
        limit.CancelAfter(_group.Options.OpenTimeout);
        try
        {
            await _group.Opens.WaitAsync(limit.Token);
        }
        catch (OperationCanceledException) when (!_group.Stopping.IsCancellationRequested)
        {
            throw new MemberUnavailableException($"member '{member.Name}' could not be opened within {_group.Options.OpenTimeout.TotalSeconds:0} s (too many opening at once)");
        }

        try
        {
            var connection = await MemberConnection.OpenAsync(
                member, _group.Http, (JsonObject)_initializeParams.DeepClone(), OnMemberMessage, _group.Logger, _group.Options.OpenTimeout, _group.Stopping);
            if (_logLevel is { } level)
            {
                // Best effort: a member that does not take the level still serves.
                using var timeout = new CancellationTokenSource(_group.Options.OpenTimeout);
                try
                {
                    await connection.RequestAsync("logging/setLevel", new JsonObject { ["level"] = level }, timeout.Token);
                }
                catch (OperationCanceledException) when (timeout.IsCancellationRequested)
                {
                }
            }

            return connection;
        }
        finally
        {
            _group.Opens.Release();
        }
    }

    /// <summary>"member 'fs' of group 'g', which is not running (stopped); start it with …".</summary>
    private string MemberDown(string member, string state) =>
        $"member '{member}' of group '{_group.Name}', which is not running ({state}); start it with `shed restart {member}`.";

    private static async Task DisposeQuietlyAsync(Task<MemberConnection> opening)
    {
        try
        {
            await (await opening).DisposeAsync();
        }
        catch (Exception ex) when (ex is MemberUnavailableException or HttpRequestException or IOException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    private static JsonObject DefaultInitializeParams(string group) => new()
    {
        ["protocolVersion"] = McpProtocol.Latest,
        ["capabilities"] = new JsonObject(),
        ["clientInfo"] = new JsonObject { ["name"] = $"toolshed-group-{group}", ["version"] = "0.1.0" },
    };
}
