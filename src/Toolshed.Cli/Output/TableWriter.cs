namespace Toolshed.Cli.Output;

/// <summary>A plain aligned table for people: upper-case headers, columns two spaces apart, no trailing spaces.</summary>
public sealed class TableWriter
{
    private readonly string[] _headers;
    private readonly List<string[]> _rows = [];

    public TableWriter(params string[] headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        _headers = headers;
    }

    public int RowCount => _rows.Count;

    public TableWriter AddRow(params string?[] cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Length != _headers.Length)
        {
            throw new ArgumentException($"Expected {_headers.Length} cells, got {cells.Length}.", nameof(cells));
        }

        _rows.Add([.. cells.Select(Clean)]);
        return this;
    }

    /// <summary>A row whose first cell is indented by <paramref name="indent"/> (kept, unlike spaces inside a cell): a child row.</summary>
    public TableWriter AddIndentedRow(string indent, params string?[] cells)
    {
        AddRow(cells);
        _rows[^1][0] = indent + _rows[^1][0];
        return this;
    }

    public Task WriteAsync(TextWriter writer) => WriteAsync(writer, "");

    /// <summary>Writes the table with every line starting with <paramref name="indent"/> (a table under a heading).</summary>
    public async Task WriteAsync(TextWriter writer, string indent)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(indent);
        var widths = _headers.Select((header, column) => _rows.Select(row => row[column].Length).Append(header.Length).Max()).ToArray();
        await writer.WriteLineAsync(indent + Format(_headers, widths));
        foreach (var row in _rows)
        {
            await writer.WriteLineAsync(indent + Format(row, widths));
        }
    }

    /// <summary>Shortens text to <paramref name="max"/> characters, marking the cut with an ellipsis.</summary>
    public static string Truncate(string? text, int max)
    {
        var clean = Clean(text);
        return clean.Length <= max ? clean : string.Concat(clean.AsSpan(0, Math.Max(0, max - 1)).TrimEnd(), "…");
    }

    private static string Format(string[] cells, int[] widths) =>
        string.Join("  ", cells.Select((cell, column) => column == cells.Length - 1 ? cell : cell.PadRight(widths[column]))).TrimEnd();

    // One row per line, whatever the daemon or a registry put in a field.
    private static string Clean(string? text) =>
        string.IsNullOrEmpty(text) ? "" : text.ReplaceLineEndings(" ").Replace('\t', ' ').Trim();
}
