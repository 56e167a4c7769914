namespace Toolshed.Core.Errors;

/// <summary>The engine answered but refused or failed an operation; the message carries the engine's reason.</summary>
public sealed class ContainerEngineException(string message, string? hint = null, Exception? innerException = null)
    : ToolshedException(message, hint, innerException);
