using Microsoft.Extensions.Logging;

namespace Toolshed.Proxy;

/// <summary>The proxy's log messages. Message bodies never appear: they may carry secrets, so only sizes and methods are logged.</summary>
internal static partial class ProxyLog
{
    [LoggerMessage(1, LogLevel.Information, "Proxy for {WorkloadName} listening on {Host}:{Port} ({Transport})")]
    public static partial void ProxyStarted(ILogger logger, string workloadName, string host, int port, string transport);

    [LoggerMessage(2, LogLevel.Information, "Proxy for {WorkloadName} stopped; port {Port} released")]
    public static partial void ProxyStopped(ILogger logger, string workloadName, int port);

    [LoggerMessage(3, LogLevel.Information, "Proxy for {WorkloadName} attached to the MCP server's stdio")]
    public static partial void BackendAttached(ILogger logger, string workloadName);

    [LoggerMessage(4, LogLevel.Warning, "The MCP server of {WorkloadName} closed its stdout; {PendingCount} open requests fail")]
    public static partial void BackendExited(ILogger logger, string workloadName, int pendingCount);

    [LoggerMessage(5, LogLevel.Debug, "{WorkloadName} stderr: {Line}")]
    public static partial void ServerStderr(ILogger logger, string workloadName, string line);

    [LoggerMessage(6, LogLevel.Warning, "Skipped a line of {Length} bytes on the stdout of {WorkloadName} that is not JSON-RPC")]
    public static partial void SkippedNonJsonLine(ILogger logger, string workloadName, long length);

    [LoggerMessage(8, LogLevel.Debug, "The MCP server of {WorkloadName} answered a request nobody waits for")]
    public static partial void UnmatchedResponse(ILogger logger, string workloadName);

    [LoggerMessage(9, LogLevel.Warning, "The MCP server of {WorkloadName} refused the proxy's initialize")]
    public static partial void ServerInitializeFailed(ILogger logger, string workloadName);

    [LoggerMessage(10, LogLevel.Information, "The MCP server of {WorkloadName} initialized (protocol {ProtocolVersion})")]
    public static partial void ServerInitialized(ILogger logger, string workloadName, string protocolVersion);

    [LoggerMessage(11, LogLevel.Debug, "Proxy for {WorkloadName} expired {Count} idle sessions")]
    public static partial void SessionsExpired(ILogger logger, string workloadName, int count);

    [LoggerMessage(30, LogLevel.Warning, "The MCP server of {WorkloadName} did not answer a request within {Timeout}; it was cancelled")]
    public static partial void RequestTimedOut(ILogger logger, string workloadName, string timeout);

    [LoggerMessage(12, LogLevel.Warning, "Proxy for {WorkloadName} could not forward to the MCP server: {Error}")]
    public static partial void ForwardFailed(ILogger logger, string workloadName, string error, Exception? exception);

    [LoggerMessage(14, LogLevel.Trace, "{WorkloadName} {Direction}: a message of {Length} bytes")]
    public static partial void MessageTrace(ILogger logger, string workloadName, string direction, long length);

    [LoggerMessage(7, LogLevel.Trace, "{WorkloadName} client {SessionPrefix}→proxy: {Method}")]
    public static partial void ClientMessageTrace(ILogger logger, string workloadName, string sessionPrefix, string method);

    [LoggerMessage(15, LogLevel.Warning, "Proxy for {WorkloadName} listens on {Host}:{Port}, beyond this machine, without OIDC: anyone who reaches the port can call every tool")]
    public static partial void ExposedWithoutAuthentication(ILogger logger, string workloadName, string host, int port);

    [LoggerMessage(16, LogLevel.Information, "Proxy for {WorkloadName} serves /mcp and /sse through its own MCP client of the server, so that every call passes its policy")]
    public static partial void BridgingBothTransports(ILogger logger, string workloadName);

    [LoggerMessage(13, LogLevel.Error, "Proxy for {WorkloadName} failed a request")]
    public static partial void RequestFailed(ILogger logger, string workloadName, Exception exception);

    [LoggerMessage(40, LogLevel.Warning, "Proxy for {WorkloadName} could not relay a message of a 2026-07-28 client")]
    public static partial void ModernRelayFailed(ILogger logger, string workloadName, Exception exception);
}
