namespace Toolshed.Authorization.Cedar;

/// <summary>
/// Why an authorization config was refused, before it becomes an <see cref="Toolshed.Core.Errors.InvalidInputException"/> at the
/// public edge: in full for text the caller sent, reduced to the line for a file the daemon read (whose content the
/// caller may not be entitled to see).
/// </summary>
internal sealed class AuthorizationConfigException(string message, int? line) : Exception(message)
{
    /// <summary>The 1-based line of the config where it went wrong, when known.</summary>
    public int? Line { get; } = line;
}
