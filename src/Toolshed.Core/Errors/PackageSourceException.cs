namespace Toolshed.Core.Errors;

/// <summary>A package registry (npm, PyPI, the Go module proxy) could not be asked, or answered something unusable.</summary>
public sealed class PackageSourceException(string message, string? hint = null) : ToolshedException(message, hint);
