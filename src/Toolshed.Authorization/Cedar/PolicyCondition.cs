namespace Toolshed.Authorization.Cedar;

/// <summary>A <c>when { body }</c> (<see cref="IsUnless"/> false) or <c>unless { body }</c> clause.</summary>
internal sealed record PolicyCondition(bool IsUnless, Expr Body);
