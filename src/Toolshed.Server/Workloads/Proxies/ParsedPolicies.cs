using System.Collections.Concurrent;
using Toolshed.Authorization;

namespace Toolshed.Server.Workloads.Proxies;

/// <summary>
/// Each workload's Cedar config, parsed once and reused by every later start of its proxy (restart, revive, daemon
/// start) while its text stays the same. Validation parsed it already when the workload was created, so a stored
/// config parses; a changed text is parsed anew. Bounded: past <see cref="Capacity"/> names it starts over.
/// </summary>
internal sealed class ParsedPolicies
{
    public const int Capacity = 1024;

    private int _parses;

    private readonly ConcurrentDictionary<string, (string Text, CedarAuthorizer Authorizer)> _byWorkload = new(StringComparer.Ordinal);

    /// <summary>How many parses this cache has done (to show restarts reuse them).</summary>
    public int Parses => _parses;

    public CedarAuthorizer Get(string workload, string configText)
    {
        ArgumentNullException.ThrowIfNull(configText);
        if (_byWorkload.TryGetValue(workload, out var cached) && string.Equals(cached.Text, configText, StringComparison.Ordinal))
        {
            return cached.Authorizer;
        }

        var authorizer = CedarAuthorizer.Parse(configText, $"the authorization config of {workload}");
        Interlocked.Increment(ref _parses);
        if (_byWorkload.Count >= Capacity)
        {
            _byWorkload.Clear();
        }

        _byWorkload[workload] = (configText, authorizer);
        return authorizer;
    }
}
