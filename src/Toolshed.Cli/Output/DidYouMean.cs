namespace Toolshed.Cli.Output;

/// <summary>
/// Suggests what a mistyped word was meant to be: the candidates closest by optimal-string-alignment distance
/// (Levenshtein plus transpositions), case-insensitive, within a budget that grows with the word's length.
/// </summary>
public static class DidYouMean
{
    /// <summary>The nearest candidates, best first (ties in the candidates' order); empty when none is close.</summary>
    public static IReadOnlyList<string> Suggest(string input, IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(candidates);
        var word = input.ToLowerInvariant();
        var budget = Math.Max(1, word.TrimStart('-').Length / 3);
        var scored = candidates
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Select((candidate, index) => (candidate, index, distance: Closeness(word, candidate.ToLowerInvariant())))
            .Where(c => c.distance <= budget || (input.Length >= 3 && c.candidate.StartsWith(input, StringComparison.OrdinalIgnoreCase)))
            .ToList();
        if (scored.Count == 0)
        {
            return [];
        }

        var best = scored.Min(c => c.distance);
        return [.. scored.Where(c => c.distance == best).OrderBy(c => c.index).Select(c => c.candidate)];
    }

    /// <summary>"Did you mean 'x'?" / "Did you mean 'x' or 'y'?", or "" when nothing is close.</summary>
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

    // An option's last hyphenated part counts too, so that "--prot" finds "--proxy-port".
    private static int Closeness(string word, string candidate)
    {
        var distance = Distance(word, candidate);
        var dash = candidate.LastIndexOf('-');
        if (word.StartsWith("--", StringComparison.Ordinal) && dash > 1 && candidate[dash - 1] != '-')
        {
            distance = Math.Min(distance, Distance(word, "--" + candidate[(dash + 1)..]));
        }

        return distance;
    }

    internal static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
