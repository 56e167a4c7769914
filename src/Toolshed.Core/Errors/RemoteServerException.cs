namespace Toolshed.Core.Errors;

/// <summary>A remote MCP server, or the authorization server it names, cannot be used: unreachable, not speaking MCP,
/// or its metadata breaks the rules Toolshed holds remotes to.</summary>
public sealed class RemoteServerException(string message, string? hint = null, Exception? innerException = null)
    : ToolshedException(message, hint, innerException);
