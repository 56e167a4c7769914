using System.Collections.Concurrent;

namespace Toolshed.Proxy.Telemetry.Stats;

/// <summary>
/// The daemon's live call figures, kept in memory for `shed stats`, `shed top` and the dashboard without any
/// telemetry backend: per endpoint, a one-minute ring of per-second calls, errors and latency bins, and totals since
/// the endpoint first started. Everything is bounded: endpoints, tool rows per endpoint and in all, name lengths.
/// An endpoint's figures outlive its restarts and go when it is removed (<see cref="Remove"/>).
/// </summary>
public sealed class EndpointStatsStore(TimeProvider timeProvider)
{
    /// <summary>The longest window figures are kept for, in seconds.</summary>
    public const int WindowSeconds = 60;

    public const int MaxEndpoints = 512;

    public const int MaxToolsPerEndpoint = 256;

    /// <summary>Tool rows across every endpoint (each is about 6 KB): about 12 MB at most.</summary>
    public const int MaxToolRows = 2048;

    public const int MaxToolNameChars = 128;

    private readonly ConcurrentDictionary<(bool IsGroup, string Name), EndpointStats> _endpoints = new();
    private readonly Lock _opening = new();
    private int _toolRows;

    public TimeProvider TimeProvider => timeProvider;

    /// <summary>The figures of an endpoint, made on its first start; null when <see cref="MaxEndpoints"/> are kept.</summary>
    public EndpointStats? Open(string name, bool isGroup)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_endpoints.TryGetValue((isGroup, name), out var stats))
        {
            return stats;
        }

        lock (_opening)
        {
            if (_endpoints.TryGetValue((isGroup, name), out stats))
            {
                return stats;
            }

            if (_endpoints.Count >= MaxEndpoints)
            {
                return null;
            }

            stats = new EndpointStats(this, name, isGroup);
            _endpoints[(isGroup, name)] = stats;
            return stats;
        }
    }

    /// <summary>Forgets a removed endpoint's figures (a workload or group of the same name starts from zero).</summary>
    public void Remove(string name, bool isGroup)
    {
        if (_endpoints.TryRemove((isGroup, name), out var stats))
        {
            Interlocked.Add(ref _toolRows, -stats.ToolRows);
        }
    }

    /// <summary>One endpoint's figures over the last <paramref name="window"/> seconds; null when it never started.</summary>
    public EndpointStatsSnapshot? Read(string name, bool isGroup, int window, bool tools) =>
        _endpoints.TryGetValue((isGroup, name), out var stats) ? stats.Read(window, tools) : null;

    /// <summary>Every endpoint's figures, workloads then groups, by name.</summary>
    public IReadOnlyList<EndpointStatsSnapshot> ReadAll(int window, bool tools) =>
        [.. _endpoints.Values.OrderBy(s => s.IsGroup).ThenBy(s => s.Name, StringComparer.Ordinal).Select(s => s.Read(window, tools))];

    internal bool TryTakeToolRow()
    {
        while (true)
        {
            var taken = Volatile.Read(ref _toolRows);
            if (taken >= MaxToolRows)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _toolRows, taken + 1, taken) == taken)
            {
                return true;
            }
        }
    }
}
