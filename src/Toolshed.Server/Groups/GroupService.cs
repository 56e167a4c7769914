using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Toolshed.Core.Configuration;
using Toolshed.Core.Errors;
using Toolshed.Core.Groups;
using Toolshed.Proxy;
using Toolshed.Proxy.Authz;
using Toolshed.Proxy.Groups;
using Toolshed.Server.Clients;
using Toolshed.Server.Groups.Api;
using Toolshed.Server.Groups.Persistence;
using Toolshed.Server.Groups.Validation;
using Toolshed.Server.Workloads;
using Toolshed.Server.Workloads.Persistence;
using Toolshed.Server.Workloads.Proxies;

namespace Toolshed.Server.Groups;

/// <summary>
/// Groups beside the workload manager: stores them, serves each one's endpoint from daemon start (on its recorded
/// port) until it is removed, and keeps every endpoint's view of its members true as workloads start, stop, crash,
/// change their tools or go (it hears of each from the supervisor). One lock orders every change.
/// </summary>
internal sealed partial class GroupService(
    GroupStore store,
    WorkloadStore workloads,
    GroupProxyFactory factory,
    ToolshedPaths paths,
    ProxyDefaults defaults,
    Toolshed.Proxy.Telemetry.Stats.EndpointStatsStore stats,
    ILogger<GroupService> logger) : IWorkloadEvents, IGroupEndpoints, IHostedService, IDisposable
{
    private static readonly TimeSpan s_inspectTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Every client session of a group holds a session with each member: a quarter of a member's own limit
    /// leaves its direct clients room.</summary>
    public const int MaxGroupSessions = WorkloadProxyOptions.DefaultMaxSessions / 4;

    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly ConcurrentDictionary<string, GroupProxy> _proxies = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _served = new(StringComparer.Ordinal);
    private readonly ParsedPolicies _policies = new();

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken);
        try
        {
            foreach (var group in await store.ListAsync(cancellationToken))
            {
                try
                {
                    await ServeAsync(group, cancellationToken);
                }
                catch (ToolshedException ex)
                {
                    LogServeFailed(group.Name, ex.Message);
                }
            }
        }
        finally
        {
            _lock.Release();
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var name in _proxies.Keys)
        {
            if (_proxies.TryRemove(name, out var proxy))
            {
                await proxy.StopAsync(cancellationToken);
            }
        }
    }

    public void Dispose() => _lock.Dispose();

    public async Task<GroupSummary> CreateAsync(CreateGroupRequest request, CancellationToken cancellationToken)
    {
        var group = await GroupRequestMapper.MapAsync(request, cancellationToken);
        await _lock.WaitAsync(cancellationToken);
        try
        {
            if (await store.GetAsync(group.Name, cancellationToken) is not null)
            {
                throw GroupErrors.AlreadyExists(group.Name);
            }

            foreach (var member in group.Members)
            {
                _ = await workloads.GetAsync(member, cancellationToken) ?? throw GroupErrors.NoSuchWorkload(member);
            }

            var proxy = await factory.StartAsync(await OptionsAsync(group, cancellationToken), cancellationToken);
            group = group with { Port = proxy.Port };
            if (!await store.TryInsertAsync(group, cancellationToken))
            {
                await proxy.StopAsync(CancellationToken.None);
                throw GroupErrors.AlreadyExists(group.Name);
            }

            _proxies[group.Name] = proxy;
            LogCreated(group.Name, proxy.Port);
            return Summary(group, proxy);
        }
        finally
        {
            _lock.Release();
        }
    }

    public async Task<IReadOnlyList<GroupSummary>> ListAsync(CancellationToken cancellationToken) =>
        [.. (await store.ListAsync(cancellationToken)).Select(g => Summary(g, _proxies.GetValueOrDefault(g.Name)))];

    /// <summary>The group with what it shows now, listed from its running members (bounded in time).</summary>
    public async Task<GroupDetails> GetAsync(string name, CancellationToken cancellationToken)
    {
        var group = await RequireAsync(name, cancellationToken);
        var proxy = _proxies.GetValueOrDefault(name);
        var inspection = proxy is null
            ? new GroupInspection([], [], [], new Dictionary<string, string>())
            : await proxy.InspectAsync().WaitAsync(s_inspectTimeout, cancellationToken);
        return GroupViews.Details(Summary(group, proxy), inspection, proxy);
    }

    public async Task<GroupSummary> UpdateAsync(string name, UpdateGroupRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await ChangeAsync(name, group => Task.FromResult(GroupRequestMapper.Apply(group, request)), cancellationToken);
    }

    public async Task DeleteAsync(string name, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken);
        try
        {
            await RequireAsync(name, cancellationToken);
            if (_proxies.TryRemove(name, out var proxy))
            {
                await proxy.StopAsync(CancellationToken.None);
            }

            await store.DeleteAsync(name, cancellationToken);
            stats.Remove(name, isGroup: true);
            LogDeleted(name);
        }
        finally
        {
            _lock.Release();
        }
    }

    public Task<GroupSummary> AddMemberAsync(string name, string? workload, CancellationToken cancellationToken) =>
        ChangeAsync(name, async group =>
        {
            if (string.IsNullOrWhiteSpace(workload) || await workloads.GetAsync(workload, cancellationToken) is null)
            {
                throw GroupErrors.NoSuchWorkload(workload ?? "");
            }

            if (group.Members.Contains(workload, StringComparer.Ordinal))
            {
                throw GroupErrors.AlreadyMember(name, workload);
            }

            var members = group.Members.Append(workload).ToList();
            GroupRules.CheckMembers(members);
            return group with { Members = members };
        }, cancellationToken);

    public Task<GroupSummary> RemoveMemberAsync(string name, string workload, CancellationToken cancellationToken) =>
        ChangeAsync(name, group => Task.FromResult(group.Members.Contains(workload, StringComparer.Ordinal)
            ? WithoutMember(group, workload)
            : throw GroupErrors.NotMember(name, workload)), cancellationToken);

    public async Task<int> PortOfAsync(string group, CancellationToken cancellationToken)
    {
        await RequireAsync(group, cancellationToken);
        return _proxies.TryGetValue(group, out var proxy)
            ? proxy.Port
            : throw new ConflictException($"Group '{group}' is not listening (see the daemon's log).", $"Remove it and create it again: `shed group rm {group}`.");
    }

    /// <summary>Throws what joining would throw for want of the group or of room in it, before a workload is created to join it.</summary>
    public async Task RequireCanJoinAsync(string name, CancellationToken cancellationToken)
    {
        if ((await RequireAsync(name, cancellationToken)).Members.Count >= GroupRules.MaxMembers)
        {
            throw new InvalidInputException($"Group '{name}' has {GroupRules.MaxMembers} members, as many as a group takes.", "group");
        }
    }

    public async Task WorkloadStartedAsync(string workloadName, int port, CancellationToken cancellationToken)
    {
        _served[workloadName] = port;
        await RefreshGroupsWithAsync(workloadName, cancellationToken);
    }

    public async Task WorkloadStoppedAsync(string workloadName, CancellationToken cancellationToken)
    {
        _served.TryRemove(workloadName, out _);
        await RefreshGroupsWithAsync(workloadName, cancellationToken);
    }

    public async Task WorkloadToolsChangedAsync(string workloadName, CancellationToken cancellationToken)
    {
        foreach (var group in await store.ListAsync(cancellationToken))
        {
            if (group.Members.Contains(workloadName, StringComparer.Ordinal) && _proxies.TryGetValue(group.Name, out var proxy))
            {
                proxy.MemberListsChanged();
            }
        }
    }

    /// <summary>A removed workload leaves every group it was in: nothing keeps pointing at it.</summary>
    public async Task WorkloadRemovedAsync(string workloadName, CancellationToken cancellationToken)
    {
        _served.TryRemove(workloadName, out _);
        foreach (var group in await store.ListAsync(cancellationToken))
        {
            if (group.Members.Contains(workloadName, StringComparer.Ordinal))
            {
                try
                {
                    await ChangeAsync(group.Name, g => Task.FromResult(WithoutMember(g, workloadName)), cancellationToken);
                }
                catch (NotFoundException)
                {
                    // The group went meanwhile: nothing to take the workload out of.
                }
            }
        }
    }

    private static GroupSpec WithoutMember(GroupSpec group, string workload) => group with
    {
        Members = [.. group.Members.Where(m => m != workload)],
        Renames = [.. group.Renames.Where(r => r.Member != workload)],
    };

    /// <summary>Stores a changed group, then tells its endpoint (its naming and its members).</summary>
    private async Task<GroupSummary> ChangeAsync(string name, Func<GroupSpec, Task<GroupSpec>> change, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken);
        try
        {
            var group = await change(await RequireAsync(name, cancellationToken));
            await store.UpdateAsync(group, cancellationToken);
            var proxy = _proxies.GetValueOrDefault(name);
            if (proxy is not null)
            {
                proxy.SetNaming(group.Conflicts, group.Renames, group.Optimizer);
                await proxy.SetMembersAsync(await MembersAsync(group, cancellationToken));
            }

            return Summary(group, proxy);
        }
        finally
        {
            _lock.Release();
        }
    }

    private async Task RefreshGroupsWithAsync(string workloadName, CancellationToken cancellationToken)
    {
        // Most workloads are in no group: they never wait for the lock.
        if (!(await store.ListAsync(cancellationToken)).Any(g => g.Members.Contains(workloadName, StringComparer.Ordinal)))
        {
            return;
        }

        await _lock.WaitAsync(cancellationToken);
        try
        {
            foreach (var group in await store.ListAsync(cancellationToken))
            {
                if (group.Members.Contains(workloadName, StringComparer.Ordinal) && _proxies.TryGetValue(group.Name, out var proxy))
                {
                    await proxy.SetMembersAsync(await MembersAsync(group, cancellationToken));
                }
            }
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Serves a stored group on its recorded port (a new one when that is taken, which is then recorded).</summary>
    private async Task ServeAsync(GroupSpec group, CancellationToken cancellationToken)
    {
        GroupProxy proxy;
        try
        {
            proxy = await factory.StartAsync(await OptionsAsync(group, cancellationToken), cancellationToken);
        }
        catch (ConflictException) when (group.Port != 0)
        {
            LogPortTaken(group.Name, group.Port);
            proxy = await factory.StartAsync(await OptionsAsync(group with { Port = 0 }, cancellationToken), cancellationToken);
            await store.UpdateAsync(group with { Port = proxy.Port }, cancellationToken);
        }

        _proxies[group.Name] = proxy;
    }

    private async Task<GroupProxyOptions> OptionsAsync(GroupSpec group, CancellationToken cancellationToken) => new()
    {
        Endpoint = new WorkloadProxyOptions
        {
            WorkloadName = group.Name,
            Host = group.Host,
            Port = group.Port,
            Oidc = group.Oidc,
            AuditDirectory = AuditPaths.Directory(paths),
            AllowedHosts = defaults.AllowedHosts,
            RequestTimeout = defaults.RequestTimeout,
            MaxSessions = MaxGroupSessions,
            Authorizer = group.AuthzConfig is { } config ? new CedarCallAuthorizer(_policies.Get("group " + group.Name, config)) : null,
        },
        Conflicts = group.Conflicts,
        Renames = group.Renames,
        Optimizer = group.Optimizer,
        Members = await MembersAsync(group, cancellationToken),
    };

    /// <summary>The members as the endpoint should see them now: served ones at their proxy's URL, the others with why not.</summary>
    private async Task<IReadOnlyList<GroupMember>> MembersAsync(GroupSpec group, CancellationToken cancellationToken)
    {
        var members = new List<GroupMember>(group.Members.Count);
        foreach (var name in group.Members)
        {
            var record = await workloads.GetAsync(name, cancellationToken);
            if (record is null)
            {
                members.Add(new GroupMember(name, null, false, "missing"));
            }
            else if (_served.TryGetValue(name, out var port))
            {
                members.Add(new GroupMember(name, new Uri($"http://{WorkloadUrls.UrlHost(record.Spec.Host)}:{port}/mcp"), true, "running"));
            }
            else
            {
                members.Add(new GroupMember(name, null, false, record.DesiredState == WorkloadDesiredState.Stopped ? "stopped" : "starting"));
            }
        }

        return members;
    }

    private static GroupSummary Summary(GroupSpec group, GroupProxy? proxy) => GroupViews.Summary(group, proxy);

    private async Task<GroupSpec> RequireAsync(string name, CancellationToken cancellationToken) =>
        await store.GetAsync(name, cancellationToken) ?? throw GroupErrors.NotFound(name);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created group {GroupName} on port {Port}")]
    private partial void LogCreated(string groupName, int port);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted group {GroupName}")]
    private partial void LogDeleted(string groupName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Port {Port} of group {GroupName} is taken; serving it on a new port")]
    private partial void LogPortTaken(string groupName, int port);

    [LoggerMessage(Level = LogLevel.Error, Message = "Group {GroupName} cannot be served: {Reason}")]
    private partial void LogServeFailed(string groupName, string reason);
}
