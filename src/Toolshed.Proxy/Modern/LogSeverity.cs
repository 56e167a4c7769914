namespace Toolshed.Proxy.Modern;

/// <summary>MCP's log levels (RFC 5424's, in severity order).</summary>
internal static class LogSeverity
{
    private static readonly string[] s_levels = ["debug", "info", "notice", "warning", "error", "critical", "alert", "emergency"];

    /// <summary>The level's rank, debug lowest; null for a name that is not a level.</summary>
    public static int? Of(string? level) => level is not null && Array.IndexOf(s_levels, level) is >= 0 and var index ? index : null;
}
