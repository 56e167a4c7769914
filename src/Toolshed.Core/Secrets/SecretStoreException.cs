using Toolshed.Core.Errors;

namespace Toolshed.Core.Secrets;

/// <summary>
/// The secrets store cannot be read or written: wrong password, missing or loose key file, a damaged or tampered file.
/// The message says which and what to do; it never contains a secret's value or the key.
/// </summary>
public sealed class SecretStoreException(string message, string? hint = null, Exception? innerException = null)
    : ToolshedException(message, hint, innerException);
