namespace Toolshed.Authorization.Cedar;

internal enum PolicyOutcome
{
    NotApplicable,
    Applies,
    Error,
}
