namespace Toolshed.Core.Errors;

/// <summary>The named thing (workload, registry, server, secret) does not exist.</summary>
public sealed class NotFoundException(string message, string? hint = null) : ToolshedException(message, hint);
