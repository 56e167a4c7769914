namespace Toolshed.Proxy.Modern;

/// <summary>Which era of MCP a request to /mcp speaks, as far as the rules can tell.</summary>
internal enum ProtocolEra
{
    /// <summary>2025-11-25 and earlier: sessions opened by initialize.</summary>
    Legacy,

    /// <summary>2026-07-28: stateless, everything in each request.</summary>
    Modern,

    /// <summary>No protocol version header, but a request whose <c>_meta</c> names one: a modern request missing its header.</summary>
    ModernWithoutHeader,

    /// <summary>A protocol version header this endpoint does not serve.</summary>
    Unsupported,
}
