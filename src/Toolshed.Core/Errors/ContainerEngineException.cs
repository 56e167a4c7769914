namespace Toolshed.Core.Errors;

/// <summary>The engine answered but refused or failed an operation; the message carries the engine's reason. Runtimes may
/// derive their own refusals from it to tell them apart inside; outside, every one is this.</summary>
public class ContainerEngineException(string message, string? hint = null, Exception? innerException = null)
    : ToolshedException(message, hint, innerException);
