using Microsoft.Extensions.Logging;

namespace Toolshed.Proxy.Upstream;

/// <summary>Log messages of the bridge to HTTP upstreams; like the rest of the proxy, never a message body.</summary>
internal static partial class UpstreamLog
{
    [LoggerMessage(40, LogLevel.Warning, "The MCP server of {WorkloadName} is unreachable over HTTP: {Reason}")]
    public static partial void UpstreamLost(ILogger logger, string workloadName, string reason);

    [LoggerMessage(41, LogLevel.Warning, "The MCP server of {WorkloadName} refused {Method} with HTTP {StatusCode}")]
    public static partial void UpstreamRefused(ILogger logger, string workloadName, string method, int statusCode);

    [LoggerMessage(42, LogLevel.Information, "The MCP session of {WorkloadName} expired and was initialized again (HTTP {StatusCode})")]
    public static partial void SessionReinitialized(ILogger logger, string workloadName, int statusCode);

    [LoggerMessage(43, LogLevel.Warning, "The MCP server of {WorkloadName} announced a message endpoint on another host; not used")]
    public static partial void ForeignEndpoint(ILogger logger, string workloadName);

    [LoggerMessage(44, LogLevel.Error, "The HTTP connection to the MCP server of {WorkloadName} failed")]
    public static partial void ChannelFailed(ILogger logger, string workloadName, Exception exception);

    [LoggerMessage(45, LogLevel.Information, "The HTTP connection to the MCP server of {WorkloadName} ended; a new one in {Delay}")]
    public static partial void ChannelEnded(ILogger logger, string workloadName, TimeSpan delay);
}
