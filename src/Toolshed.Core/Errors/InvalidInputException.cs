namespace Toolshed.Core.Errors;

/// <summary>The request is malformed or breaks a rule; <see cref="Field"/> names the offending field when there is one.</summary>
public sealed class InvalidInputException(string message, string? field = null, string? hint = null)
    : ToolshedException(message, hint)
{
    public string? Field { get; } = field;
}
