using System.Text.RegularExpressions;
using Toolshed.Core.Errors;

namespace Toolshed.Core.Tools;

/// <summary>
/// The limits of a tool filter: tool names as MCP recommends them (1-128 of letters, digits, '_', '-', '.'), at most
/// 1,000 names and 1,000 overrides, descriptions of at most 4,096 characters, and no two tools a client would see
/// under one name.
/// </summary>
public static partial class ToolFilterRules
{
    public const int MaxEntries = 1000;
    public const int MaxDescriptionChars = 4096;

    public static ToolFilterSpec Validate(IReadOnlyList<string>? allow, IReadOnlyDictionary<string, ToolOverride>? overrides, string field = "tools")
    {
        if (allow is { Count: > MaxEntries } || overrides is { Count: > MaxEntries })
        {
            throw new InvalidInputException($"A tool filter takes at most {MaxEntries} tool names and {MaxEntries} overrides.", field);
        }

        var names = new List<string>();
        foreach (var name in allow ?? [])
        {
            names.Add(CheckName(name, field));
        }

        var checkedOverrides = new Dictionary<string, ToolOverride>(StringComparer.Ordinal);
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (original, change) in overrides ?? new Dictionary<string, ToolOverride>())
        {
            CheckName(original, $"{field}_override");
            if (change is null || (change.Name is null && change.Description is null))
            {
                throw new InvalidInputException($"The override of tool '{original}' gives neither a name nor a description.", $"{field}_override");
            }

            var newName = change.Name is null ? original : CheckName(change.Name, $"{field}_override");
            if (change.Description is { Length: > MaxDescriptionChars })
            {
                throw new InvalidInputException(
                    $"The description given to tool '{original}' is longer than {MaxDescriptionChars} characters.", $"{field}_override");
            }

            if (seen.TryGetValue(newName, out var other))
            {
                throw new InvalidInputException(
                    $"The overrides show tools '{other}' and '{original}' both as '{newName}'; give them different names.", $"{field}_override");
            }

            seen[newName] = original;
            checkedOverrides[original] = change with { Name = change.Name is null ? null : newName };
        }

        return new ToolFilterSpec { Allow = allow is null ? null : names.Distinct(StringComparer.Ordinal).ToList(), Overrides = checkedOverrides };
    }

    /// <summary>Whether <paramref name="name"/> is a tool name as MCP recommends them.</summary>
    public static bool IsToolName([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? name) => name is not null && NamePattern().IsMatch(name);

    private static string CheckName(string? name, string field) =>
        IsToolName(name)
            ? name
            : throw new InvalidInputException(
                $"'{Shorten(name)}' is not a tool name: 1-128 letters, digits, '_', '-' or '.'.", field);

    private static string Shorten(string? text) => text is null ? "(null)" : text.Length <= 64 ? text : text[..64] + "…";

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,128}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
