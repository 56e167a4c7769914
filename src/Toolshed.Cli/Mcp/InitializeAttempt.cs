namespace Toolshed.Cli.Mcp;

/// <summary>What one MCP `initialize` through a workload's proxy gave.</summary>
internal sealed record InitializeAttempt(InitializeOutcome Outcome, string Detail)
{
    public static InitializeAttempt Ready(string detail) => new(InitializeOutcome.Ready, detail);

    public static InitializeAttempt NotYet(string detail) => new(InitializeOutcome.NotYet, detail);

    public static InitializeAttempt Refused(string detail) => new(InitializeOutcome.Refused, detail);
}
