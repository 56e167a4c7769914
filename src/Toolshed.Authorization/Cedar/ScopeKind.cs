namespace Toolshed.Authorization.Cedar;

internal enum ScopeKind
{
    Any,
    Equal,
    In,
    InSet,
    Is,
    IsIn,
}
