namespace Toolshed.Proxy.Telemetry.Stats;

/// <summary>An endpoint's figures at one moment, with its tools' rows (busiest first) when they were asked for.</summary>
public sealed record EndpointStatsSnapshot(string Name, bool IsGroup, DateTimeOffset Since, StatsFigures Figures, IReadOnlyList<ToolStatsRow> Tools)
{
    /// <summary>The client sessions its endpoint holds now (null when it never said).</summary>
    public int? Sessions { get; init; }
}
