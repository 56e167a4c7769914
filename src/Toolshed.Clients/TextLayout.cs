namespace Toolshed.Clients;

/// <summary>What a file looks like, so inserted text matches it: its line ending and its indentation unit.</summary>
internal sealed record TextLayout(string NewLine, string IndentUnit)
{
    public static TextLayout Of(string text, string defaultUnit = "  ")
    {
        var newLine = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var unit = defaultUnit;
        foreach (var line in text.Split('\n'))
        {
            var indent = line.Length - line.TrimStart(' ', '\t').Length;
            if (indent > 0 && line.Trim().Length > 0)
            {
                unit = line[..indent];
                break;
            }
        }

        return new TextLayout(newLine, unit);
    }

    /// <summary>The whitespace at the start of the line holding <paramref name="position"/>.</summary>
    public static string LineIndent(string text, int position)
    {
        var start = LineStart(text, position);
        var end = start;
        while (end < text.Length && (text[end] == ' ' || text[end] == '\t'))
        {
            end++;
        }

        return text[start..end];
    }

    public static int LineStart(string text, int position)
    {
        var newline = position == 0 ? -1 : text.LastIndexOf('\n', position - 1);
        return newline + 1;
    }

    /// <summary>True when only spaces and tabs precede <paramref name="position"/> on its line.</summary>
    public static bool StartsLine(string text, int position)
    {
        for (var i = position - 1; i >= 0 && text[i] != '\n'; i--)
        {
            if (text[i] != ' ' && text[i] != '\t')
            {
                return false;
            }
        }

        return true;
    }
}
