namespace Toolshed.Core.Errors;

/// <summary>The request collides with what exists: a name or a port already taken.</summary>
public sealed class ConflictException(string message, string? hint = null) : ToolshedException(message, hint);
