namespace Toolshed.Cli.Mcp;

/// <summary>Whether a workload became usable, and if not, why (one clause, for a sentence).</summary>
internal sealed record ReadinessResult(bool IsReady, string Detail)
{
    public static ReadinessResult Ready(string serverName) => new(true, serverName);

    public static ReadinessResult Failed(string reason) => new(false, reason);
}
