namespace Toolshed.Core.Authorization;

/// <summary>
/// The engine's answer. <see cref="DeterminingPolicies"/> are the forbid policies that denied, or the permit policies
/// that allowed (empty for the default deny). <see cref="ErroredPolicies"/> are policies skipped because their
/// condition failed to evaluate (a missing attribute, a type mismatch), as Cedar skips them.
/// </summary>
public sealed record AuthorizationDecision(bool IsAllowed, IReadOnlyList<string> DeterminingPolicies, IReadOnlyList<string> ErroredPolicies);
