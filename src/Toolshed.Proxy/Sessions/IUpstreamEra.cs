namespace Toolshed.Proxy.Sessions;

/// <summary>A message handler that knows which era of MCP its server speaks.</summary>
internal interface IUpstreamEra
{
    /// <summary>Whether the server speaks only 2026-07-28 (it refused initialize and answered server/discover).</summary>
    bool SpeaksModern { get; }
}
