namespace Toolshed.Authorization;

/// <summary>
/// The engine's answer. <see cref="DeterminingPolicies"/> are the forbid policies that denied, or the permit policies
/// that allowed (empty for the default deny). <see cref="ErroredPolicies"/> are policies skipped because their
/// condition failed to evaluate (a missing attribute, a type mismatch), as Cedar skips them.
/// </summary>
public sealed record AuthorizationDecision(bool IsAllowed, IReadOnlyList<string> DeterminingPolicies, IReadOnlyList<string> ErroredPolicies)
{
    /// <summary>
    /// Whether one of the forbid policies that denied names the action in its scope (<c>action == Action::"…"</c>,
    /// <c>action in [...]</c> or <c>action in</c> an action group): the request's action is forbidden explicitly, not
    /// merely not permitted, nor caught by a forbid whose scope leaves the action open (<c>forbid(principal, action,
    /// resource) …</c>).
    /// </summary>
    public bool ForbidsActionExplicitly { get; init; }
}
