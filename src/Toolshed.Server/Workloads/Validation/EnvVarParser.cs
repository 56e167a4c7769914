using System.Text.RegularExpressions;
using Toolshed.Core.Errors;

namespace Toolshed.Server.Workloads.Validation;

/// <summary>Parses `NAME=value` environment entries; errors name the entry by position, never by value.</summary>
public static partial class EnvVarParser
{
    public static bool IsValidName(string? name) => name is { Length: > 0 } && NamePattern().IsMatch(name);

    public static Dictionary<string, string> Parse(IReadOnlyList<string>? entries, string field = "env_vars")
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (entries is null)
        {
            return result;
        }

        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i] ?? "";
            var equals = entry.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? entry : entry[..equals];
            if (equals <= 0 || !IsValidName(name))
            {
                // The value may be a secret: show only the part before '='.
                throw new InvalidInputException(
                    $"{field}[{i}] must look like NAME=value with NAME made of letters, digits and '_' (not starting with a digit); got '{Truncate(name)}'.",
                    field);
            }

            if (entry.Contains('\0', StringComparison.Ordinal))
            {
                throw new InvalidInputException($"{field}[{i}] ({name}) contains a NUL character.", field);
            }

            result[name] = entry[(equals + 1)..];
        }

        return result;
    }

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "…";

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex NamePattern();
}
