namespace Toolshed.Clients;

/// <summary>
/// The command a stdio-only client launches to reach a workload: <c>shed proxy stdio NAME</c>. The executable is
/// configurable because a GUI app may not share the shell's PATH.
/// </summary>
public sealed record StdioBridge(string Command)
{
    public static StdioBridge Default { get; } = new("shed");

    public static IReadOnlyList<string> ArgumentsFor(string workloadName) => ["proxy", "stdio", workloadName];
}
