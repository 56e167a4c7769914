namespace Toolshed.Core.Runtime;

/// <summary>
/// How a workload's proxy reaches the MCP server behind it, as a runtime hands it over after a launch: a stdio channel
/// (<see cref="StdioUpstream"/>) or an HTTP endpoint (<see cref="HttpUpstream"/>). Later: remote servers and groups.
/// </summary>
public abstract record WorkloadUpstream;
