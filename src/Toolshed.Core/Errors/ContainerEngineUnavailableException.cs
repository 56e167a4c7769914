namespace Toolshed.Core.Errors;

/// <summary>No container engine answers; the message names what was tried and what to do.</summary>
public sealed class ContainerEngineUnavailableException(string message, string? hint = null, Exception? innerException = null)
    : ToolshedException(message, hint, innerException);
