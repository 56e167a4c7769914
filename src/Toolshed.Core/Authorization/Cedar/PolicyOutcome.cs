namespace Toolshed.Core.Authorization.Cedar;

internal enum PolicyOutcome
{
    NotApplicable,
    Applies,
    Error,
}
