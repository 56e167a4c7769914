using System.Collections.Concurrent;

namespace Toolshed.Proxy.Telemetry.Stats;

/// <summary>
/// One endpoint's live figures (a workload's or a group's): every request it answered, and each tool called through
/// it. Tool rows are bounded twice, per endpoint (<see cref="EndpointStatsStore.MaxToolsPerEndpoint"/>) and for the
/// whole daemon (<see cref="EndpointStatsStore.MaxToolRows"/>); calls of tools beyond either count in one
/// <see cref="OtherTools"/> row, and names are cut to <see cref="EndpointStatsStore.MaxToolNameChars"/>, so no client
/// can grow the daemon's memory by inventing tool names.
/// </summary>
public sealed class EndpointStats
{
    /// <summary>The row that counts the calls of tools that got no row of their own.</summary>
    public const string OtherTools = "(other tools)";

    private readonly EndpointStatsStore _store;
    private readonly ConcurrentDictionary<string, StatsWindow> _tools = new(StringComparer.Ordinal);
    private readonly Lock _adding = new();
    private readonly StatsWindow _all;
    private readonly StatsWindow _other;

    internal EndpointStats(EndpointStatsStore store, string name, bool isGroup)
    {
        _store = store;
        Name = name;
        IsGroup = isGroup;
        var now = store.TimeProvider.GetTimestamp();
        _all = new StatsWindow(EndpointStatsStore.WindowSeconds, now);
        _other = new StatsWindow(EndpointStatsStore.WindowSeconds, now);
        Since = store.TimeProvider.GetUtcNow();
    }

    public string Name { get; }

    public bool IsGroup { get; }

    /// <summary>When counting began (the endpoint's first start since the daemon started).</summary>
    public DateTimeOffset Since { get; }

    /// <summary>The client sessions its endpoint holds now; set by the endpoint each time it starts.</summary>
    public Func<int>? OpenSessions { get; set; }

    internal int ToolRows => _tools.Count;

    /// <summary>
    /// Counts one answered request that began at <paramref name="startedAt"/> (a <see cref="TimeProvider"/> timestamp);
    /// <paramref name="tool"/> is the tool of a <c>tools/call</c>, as the client named it, else null.
    /// </summary>
    public void Record(string? tool, long startedAt, bool failed)
    {
        var time = _store.TimeProvider;
        var now = time.GetTimestamp();
        var second = now / time.TimestampFrequency;
        var bin = LatencyHistogram.BinOf(time.GetElapsedTime(startedAt, now));
        _all.Record(second, bin, failed);
        if (tool is not null)
        {
            ToolWindow(tool).Record(second, bin, failed);
        }
    }

    /// <summary>The figures of the last <paramref name="window"/> seconds, with a row per tool when asked.</summary>
    public EndpointStatsSnapshot Read(int window, bool tools)
    {
        var time = _store.TimeProvider;
        var now = time.GetTimestamp();
        var frequency = time.TimestampFrequency;
        IReadOnlyList<ToolStatsRow> rows = [];
        if (tools)
        {
            var list = _tools.Select(pair => new ToolStatsRow(pair.Key, pair.Value.Read(now, frequency, window))).ToList();
            var other = _other.Read(now, frequency, window);
            if (other.TotalCalls > 0)
            {
                list.Add(new ToolStatsRow(OtherTools, other));
            }

            rows = [.. list.OrderByDescending(r => r.Figures.WindowCalls).ThenByDescending(r => r.Figures.TotalCalls).ThenBy(r => r.Name, StringComparer.Ordinal)];
        }

        return new EndpointStatsSnapshot(Name, IsGroup, Since, _all.Read(now, frequency, window), rows) { Sessions = OpenSessions?.Invoke() };
    }

    private StatsWindow ToolWindow(string tool)
    {
        if (tool.Length > EndpointStatsStore.MaxToolNameChars)
        {
            tool = tool[..EndpointStatsStore.MaxToolNameChars];
        }

        if (_tools.TryGetValue(tool, out var window))
        {
            return window;
        }

        lock (_adding)
        {
            if (_tools.TryGetValue(tool, out window))
            {
                return window;
            }

            if (_tools.Count >= EndpointStatsStore.MaxToolsPerEndpoint || !_store.TryTakeToolRow())
            {
                return _other;
            }

            window = new StatsWindow(EndpointStatsStore.WindowSeconds, _store.TimeProvider.GetTimestamp());
            _tools[tool] = window;
            return window;
        }
    }
}
