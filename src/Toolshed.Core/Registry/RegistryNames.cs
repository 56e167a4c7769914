using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Toolshed.Core.Registry;

/// <summary>The rule for registry names and server names: a letter or digit, then letters, digits, '_', '.', '-'.
/// No '/', so <c>registry/server</c> references stay unambiguous.</summary>
public static partial class RegistryNames
{
    /// <summary>The longest name accepted; names end up in container names and labels.</summary>
    public const int MaxLength = 128;

    /// <summary>What a valid name looks like, for error messages.</summary>
    public const string Rule = "a letter or digit followed by letters, digits, '_', '.' or '-' (at most 128 characters)";

    public static bool IsValid([NotNullWhen(true)] string? name) =>
        name is { Length: > 0 and <= MaxLength } && NamePattern().IsMatch(name);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
