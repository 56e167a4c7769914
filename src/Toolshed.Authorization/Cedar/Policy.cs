namespace Toolshed.Authorization.Cedar;

/// <summary>One parsed policy: effect, scope and its <c>when</c>/<c>unless</c> conditions, in source order.</summary>
internal sealed record Policy(
    string Id,
    bool IsForbid,
    ScopeConstraint Principal,
    ScopeConstraint Action,
    ScopeConstraint Resource,
    IReadOnlyList<PolicyCondition> Conditions,
    IReadOnlyDictionary<string, string> Annotations);
