using Toolshed.Proxy.Auth;

namespace Toolshed.Server.Ui;

/// <summary>A signed-in dashboard: who opened it (an OIDC caller; null with the daemon's own token) and since when.</summary>
internal sealed record UiSession(string Key, AuthenticatedCaller? Caller, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt)
{
    public DateTimeOffset LastSeen { get; set; } = CreatedAt;
}
