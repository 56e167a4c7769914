namespace Toolshed.Proxy.Sessions;

/// <summary>Which client transport a session came in on.</summary>
internal enum SessionKind
{
    StreamableHttp,
    LegacySse,
}
