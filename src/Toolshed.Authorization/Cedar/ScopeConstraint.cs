namespace Toolshed.Authorization.Cedar;

/// <summary>The constraint on one of principal, action, resource in a policy's head.</summary>
internal sealed record ScopeConstraint(ScopeKind Kind, EntityUid Entity = default, IReadOnlyList<EntityUid>? Entities = null, string? EntityType = null)
{
    public static readonly ScopeConstraint Any = new(ScopeKind.Any);
}
