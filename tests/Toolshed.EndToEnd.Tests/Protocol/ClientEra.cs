namespace Toolshed.EndToEnd.Tests.Protocol;

/// <summary>How a test's C# SDK client picks its protocol era.</summary>
public enum ClientEra
{
    /// <summary>Default options: probes with server/discover and stays on 2026-07-28 when answered.</summary>
    Probing,

    /// <summary>Pinned to 2026-07-28: stateless requests, no fallback.</summary>
    Modern,

    /// <summary>Pinned to 2025-11-25: an initialize handshake and a session.</summary>
    Legacy,
}
