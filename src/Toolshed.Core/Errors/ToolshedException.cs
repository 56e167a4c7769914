namespace Toolshed.Core.Errors;

/// <summary>
/// A domain failure whose message is safe to show the user: it says what is wrong, and <see cref="Hint"/> says what
/// to do. The REST layer maps each subtype to one HTTP status in one place.
/// </summary>
public abstract class ToolshedException : Exception
{
    protected ToolshedException(string message, string? hint = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Hint = hint;
    }

    /// <summary>What the user can do about it, when there is something to say.</summary>
    public string? Hint { get; }
}
