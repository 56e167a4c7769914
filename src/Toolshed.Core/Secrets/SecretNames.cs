using System.Text.RegularExpressions;
using Toolshed.Core.Errors;

namespace Toolshed.Core.Secrets;

/// <summary>What a secret's name may be: 1-128 letters, digits, '_', '.' or '-', starting with a letter, digit or '_'.</summary>
public static partial class SecretNames
{
    public const int MaxLength = 128;

    /// <summary>The largest value accepted, in UTF-16 characters.</summary>
    public const int MaxValueLength = 64 * 1024;

    public static bool IsValid(string? name) => name is { Length: > 0 and <= MaxLength } && Pattern().IsMatch(name);

    public static void Validate(string? name)
    {
        if (!IsValid(name))
        {
            throw new InvalidInputException(
                $"'{name}' is not a valid secret name: use 1-{MaxLength} letters, digits, '_', '.' or '-', starting with a letter, digit or '_'.",
                "name");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]*$")]
    private static partial Regex Pattern();
}
