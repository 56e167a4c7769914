namespace Toolshed.Cli.Text;

/// <summary>
/// Suggestions for a mistyped name (a verb, a flag, a server): the candidates within a few edits of what was typed,
/// closest first. Case is ignored; a swap of two neighbouring letters counts as one edit (optimal string alignment,
/// a restricted Damerau-Levenshtein distance).
/// </summary>
public static class DidYouMean
{
    /// <summary>
    /// The candidates close enough to <paramref name="input"/> to be what the user meant, best first (fewest edits,
    /// then alphabetical). The number of edits allowed grows with the input: one for up to five characters, then one
    /// per three (leading dashes do not count, so `--nmae` is judged like `nmae`). A candidate that starts with an
    /// input of three or more characters also counts as one edit away (`sec` suggests `secret`). Exact matches
    /// (ignoring case) come first; an empty input gets no suggestions.
    /// </summary>
    public static IReadOnlyList<string> Suggest(string input, IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(candidates);
        var typed = input.Trim();
        var significant = typed.TrimStart('-').Length;
        if (significant == 0)
        {
            return [];
        }

        var names = candidates.ToList();
        var allowed = Math.Max(1, significant / 3);
        var lowered = typed.ToLowerInvariant();
        var scored = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var candidate in names)
        {
            if (string.IsNullOrEmpty(candidate) || scored.ContainsKey(candidate))
            {
                continue;
            }

            var other = candidate.ToLowerInvariant();
            var distance = Distance(lowered, other, allowed);
            if (distance > allowed && significant >= 3 && other.StartsWith(lowered, StringComparison.Ordinal))
            {
                distance = 1;
            }

            if (distance <= allowed)
            {
                scored[candidate] = distance;
            }
        }

        if (scored.Count == 0)
        {
            // Only when no whole name is close: an option's last word (`--prot` finds `--proxy-port` as `--port`).
            foreach (var candidate in names.Where(c => !string.IsNullOrEmpty(c)).Distinct(StringComparer.Ordinal))
            {
                if (DistanceToLastPart(lowered, candidate.ToLowerInvariant(), allowed) is var distance && distance <= allowed)
                {
                    scored[candidate] = distance;
                }
            }
        }

        return scored
            .OrderBy(pair => pair.Value)
            .ThenBy(pair => pair.Key, StringComparer.OrdinalIgnoreCase)
            .ThenBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => pair.Key)
            .ToList();
    }

    /// <summary>"Did you mean 'x'?" / "Did you mean 'x' or 'y'?" (with a leading space), or "" when nothing is close.</summary>
    public static string Sentence(string input, IEnumerable<string> candidates)
    {
        var matches = Suggest(input, candidates);
        return matches.Count switch
        {
            0 => "",
            1 => $" Did you mean '{matches[0]}'?",
            _ => $" Did you mean {string.Join(", ", matches.Take(matches.Count - 1).Select(m => $"'{m}'"))} or '{matches[^1]}'?",
        };
    }

    private static int DistanceToLastPart(string typed, string candidate, int limit)
    {
        var dash = candidate.LastIndexOf('-');
        return typed.StartsWith("--", StringComparison.Ordinal) && dash > 1 && candidate[dash - 1] != '-'
            ? Distance(typed, string.Concat("--", candidate.AsSpan(dash + 1)), limit)
            : int.MaxValue;
    }

    /// <summary>Optimal string alignment distance; stops early (returning more than <paramref name="limit"/>) once
    /// every alignment is already past the limit.</summary>
    internal static int Distance(string a, string b, int limit = int.MaxValue)
    {
        if (Math.Abs(a.Length - b.Length) > limit)
        {
            return limit == int.MaxValue ? Math.Abs(a.Length - b.Length) : limit + 1;
        }

        // Three rows are enough: the current one, the one above, and the one above that (for transpositions).
        var previousPrevious = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMinimum = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, previousPrevious[j - 2] + 1);
                }

                current[j] = value;
                rowMinimum = Math.Min(rowMinimum, value);
            }

            if (rowMinimum > limit)
            {
                return limit + 1;
            }

            (previousPrevious, previous, current) = (previous, current, previousPrevious);
        }

        return previous[b.Length];
    }
}
