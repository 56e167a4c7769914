using Microsoft.Extensions.Logging;

namespace Toolshed.Proxy.Groups;

/// <summary>What a group's endpoint logs.</summary>
internal static partial class GroupLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Group {GroupName} serves MCP at http://{Host}:{Port}/mcp")]
    public static partial void GroupStarted(ILogger logger, string groupName, string host, int port);

    [LoggerMessage(Level = LogLevel.Information, Message = "Group {GroupName} stopped listening on port {Port}")]
    public static partial void GroupStopped(ILogger logger, string groupName, int port);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Group {GroupName} could not handle {Method}")]
    public static partial void RequestFailed(ILogger logger, string groupName, string method, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Group {GroupName}: members changed ({Members})")]
    public static partial void MembersChanged(ILogger logger, string groupName, string members);
}
