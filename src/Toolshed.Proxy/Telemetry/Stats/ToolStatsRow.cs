namespace Toolshed.Proxy.Telemetry.Stats;

/// <summary>One tool's figures on one endpoint (<see cref="EndpointStats.OtherTools"/> for tools without a row).</summary>
public readonly record struct ToolStatsRow(string Name, StatsFigures Figures);
