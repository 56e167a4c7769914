namespace Toolshed.Proxy.Groups;

/// <summary>
/// One member of a group as its endpoint sees it: the workload's own MCP endpoint, and whether it serves now
/// (<see cref="State"/> says what it is otherwise: stopped, starting, missing…).
/// </summary>
public sealed record GroupMember(string Name, Uri? McpUrl, bool IsRunning, string State);
