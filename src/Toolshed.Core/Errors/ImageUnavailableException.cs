namespace Toolshed.Core.Errors;

/// <summary>An image is neither present locally nor can it be pulled.</summary>
public sealed class ImageUnavailableException(string message, string? hint = null, Exception? innerException = null)
    : ToolshedException(message, hint, innerException);
