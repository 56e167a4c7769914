using Toolshed.Remote.OAuth;

namespace Toolshed.Remote;

/// <summary>Where one remote workload's sign-in stands, for the API (never a token).</summary>
public sealed record RemoteSignInStatus
{
    public required SignInState State { get; init; }

    /// <summary>Why it needs sign-in; null otherwise.</summary>
    public string? Reason { get; init; }

    public string? Issuer { get; init; }

    public string? Scope { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>Whether a browser sign-in is waiting for its redirect.</summary>
    public bool Pending { get; init; }
}
