namespace Toolshed.Authorization.Cedar;

/// <summary>
/// A <c>like</c> pattern: literal pieces separated by <c>*</c> wildcards (a <c>\*</c> in the source is a literal star).
/// With only <c>*</c> as a wildcard, matching each middle piece at its leftmost place is exact, so no backtracking.
/// </summary>
internal sealed class LikePattern(IReadOnlyList<string> pieces)
{
    public bool IsMatch(string text)
    {
        if (pieces.Count == 1)
        {
            return string.Equals(text, pieces[0], StringComparison.Ordinal);
        }

        var first = pieces[0];
        var last = pieces[^1];
        if (text.Length < first.Length + last.Length
            || !text.StartsWith(first, StringComparison.Ordinal)
            || !text.EndsWith(last, StringComparison.Ordinal))
        {
            return false;
        }

        var at = first.Length;
        var end = text.Length - last.Length;
        for (var i = 1; i < pieces.Count - 1; i++)
        {
            var found = text.IndexOf(pieces[i], at, end - at, StringComparison.Ordinal);
            if (found < 0)
            {
                return false;
            }

            at = found + pieces[i].Length;
        }

        return true;
    }
}
