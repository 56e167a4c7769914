using Toolshed.Core.Errors;
using Toolshed.Core.Tools;

namespace Toolshed.Core.Groups;

/// <summary>
/// The limits of a group: at most <see cref="MaxMembers"/> members, each once; at most <see cref="MaxRenames"/> renames,
/// each of a member's tool or prompt to a tool name (1-128 letters, digits, '_', '-', '.'), no two of one member's
/// names renamed twice and no two renames to one name.
/// </summary>
public static class GroupRules
{
    public const int MaxMembers = 100;
    public const int MaxRenames = 1000;

    public static void CheckMembers(IReadOnlyList<string> members)
    {
        if (members.Count > MaxMembers)
        {
            throw new InvalidInputException($"A group has at most {MaxMembers} members.", "members");
        }

        if (members.GroupBy(m => m, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new InvalidInputException($"'{twice.Key}' is listed twice among the group's members.", "members");
        }
    }

    public static void CheckRenames(IReadOnlyList<GroupRename> renames)
    {
        if (renames.Count > MaxRenames)
        {
            throw new InvalidInputException($"A group takes at most {MaxRenames} renames.", "renames");
        }

        var targets = new Dictionary<string, GroupRename>(StringComparer.Ordinal);
        var sources = new HashSet<(string, string)>();
        foreach (var rename in renames)
        {
            if (rename is null || string.IsNullOrEmpty(rename.Member))
            {
                throw new InvalidInputException("A rename names the member, the name it gives, and the name to show: MEMBER/NAME=NEW.", "renames");
            }

            foreach (var name in new[] { rename.Name, rename.As })
            {
                if (!ToolFilterRules.IsToolName(name))
                {
                    throw new InvalidInputException($"'{Shorten(name)}' is not a tool or prompt name: 1-128 letters, digits, '_', '-' or '.'.", "renames");
                }
            }

            if (!sources.Add((rename.Member, rename.Name)))
            {
                throw new InvalidInputException($"'{rename.Member}/{rename.Name}' is renamed twice; keep one.", "renames");
            }

            if (targets.TryGetValue(rename.As, out var other))
            {
                throw new InvalidInputException(
                    $"'{other.Member}/{other.Name}' and '{rename.Member}/{rename.Name}' are both renamed to '{rename.As}'; give them different names.", "renames");
            }

            targets[rename.As] = rename;
        }
    }

    private static string Shorten(string? text) => text is null ? "(null)" : text.Length <= 64 ? text : text[..64] + "…";
}
