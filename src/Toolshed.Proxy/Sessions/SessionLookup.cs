namespace Toolshed.Proxy.Sessions;

/// <summary>The outcome of finding a session by the id a client sent.</summary>
internal enum SessionLookup
{
    Found,
    Missing,
    Unknown,
}
