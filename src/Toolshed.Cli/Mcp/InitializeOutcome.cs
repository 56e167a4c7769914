namespace Toolshed.Cli.Mcp;

/// <summary>How an `initialize` through the proxy ended.</summary>
internal enum InitializeOutcome
{
    /// <summary>The server answered with a result: an MCP client can use the workload.</summary>
    Ready,

    /// <summary>No answer from the server yet (not listening, not attached, or the proxy says it is not running).</summary>
    NotYet,

    /// <summary>The server itself answered with a JSON-RPC error: retrying will not help.</summary>
    Refused,
}
