namespace Toolshed.Proxy.Sessions;

/// <summary>Which client transport a session came in on.</summary>
internal enum SessionKind
{
    StreamableHttp,
    LegacySse,

    /// <summary>The proxy's own session that carries 2026-07-28 (stateless) requests of one caller to a 2025-era
    /// handler; never idle-expired or evicted, ended with the proxy.</summary>
    Stateless,
}
