namespace Toolshed.Remote.OAuth;

/// <summary>A sign-in waiting for the user's browser: where to send it, where it comes back, until when.</summary>
public sealed record PendingSignIn(Uri AuthorizationUrl, string RedirectUri, DateTimeOffset ExpiresAt, Task Completion);
