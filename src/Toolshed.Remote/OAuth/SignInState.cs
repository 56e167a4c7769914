namespace Toolshed.Remote.OAuth;

/// <summary>Where a remote's sign-in stands, as `shed list` and `shed inspect` show it.</summary>
public enum SignInState
{
    /// <summary>The remote has not asked for authorization (or its credentials come from the user's headers).</summary>
    NotRequired,

    /// <summary>Toolshed holds a token for the remote.</summary>
    SignedIn,

    /// <summary>The remote wants a token Toolshed does not have (never signed in, refresh refused, more scope needed).</summary>
    NeedsSignIn,
}
