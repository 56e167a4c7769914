namespace Toolshed.Clients;

/// <summary>A text cut into lines: each line's span (including its line break) and text (without it), and the line of an offset.</summary>
internal sealed class TextLines
{
    private readonly List<int> _starts = [0];

    public TextLines(string text)
    {
        Text = text;
        for (var i = text.IndexOf('\n'); i >= 0 && i + 1 < text.Length; i = text.IndexOf('\n', i + 1))
        {
            _starts.Add(i + 1);
        }
    }

    public string Text { get; }

    public int Count => Text.Length == 0 ? 0 : _starts.Count;

    public (int Start, int End, string Text) this[int line]
    {
        get
        {
            var start = _starts[line];
            var end = line + 1 < _starts.Count ? _starts[line + 1] : Text.Length;
            return (start, end, Text[start..end].TrimEnd('\n', '\r'));
        }
    }

    /// <summary>The 0-based line holding <paramref name="offset"/> (offsets past the end belong to the last line).</summary>
    public int LineOf(int offset)
    {
        var index = _starts.BinarySearch(Math.Clamp(offset, 0, Math.Max(0, Text.Length - 1)));
        return index >= 0 ? index : ~index - 1;
    }

    /// <summary>The whitespace a line starts with.</summary>
    public string Indent(int line)
    {
        var text = this[line].Text;
        return text[..(text.Length - text.TrimStart().Length)];
    }
}
