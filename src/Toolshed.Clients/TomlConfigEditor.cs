using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Tomlyn.Parsing;
using Tomlyn.Syntax;

namespace Toolshed.Clients;

/// <summary>
/// Edits TOML config files (Codex) by adding or removing whole <c>[servers.NAME]</c> tables as text: every other byte
/// is kept. The file is validated before and after; an edit that would not parse (for example when the servers are an
/// inline table) is refused rather than written.
/// </summary>
public sealed partial class TomlConfigEditor : IConfigEditor
{
    public IReadOnlyList<string> EntryNames(string text, ConfigLocation location)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(location);
        Validate(text);
        return [.. Headers(text, Prefix(location)).Select(h => h.Name)];
    }

    public string Upsert(string text, ConfigLocation location, ConfigEntry entry)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(location);
        ArgumentNullException.ThrowIfNull(entry);
        Validate(text);
        var newLine = TextLayout.Of(text).NewLine;
        var table = Render(Prefix(location), entry, newLine);
        var existing = Headers(text, Prefix(location)).FirstOrDefault(h => h.Name == entry.Name);
        string result;
        if (existing is not null)
        {
            result = text[..existing.Start] + table + text[existing.End..];
        }
        else
        {
            var head = text.Length == 0 || text.EndsWith('\n') ? text : text + newLine;
            result = head + (head.Length > 0 ? newLine : "") + table;
        }

        try
        {
            Validate(result);
        }
        catch (ConfigParseException ex)
        {
            throw new ConfigParseException($"adding a [{Prefix(location)}.{entry.Name}] table would make the file invalid ({ex.Message}); is {Prefix(location)} an inline table?", 0, 0);
        }

        return result;
    }

    public string Remove(string text, ConfigLocation location, string entryName)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(location);
        Validate(text);
        var existing = Headers(text, Prefix(location)).FirstOrDefault(h => h.Name == entryName);
        if (existing is null)
        {
            return text;
        }

        var start = existing.Start;
        // The blank line that separated the table from what came before goes with it.
        if (start >= 2 && text[start - 1] == '\n' && (text[start - 2] == '\n' || (start >= 3 && text[start - 2] == '\r' && text[start - 3] == '\n')))
        {
            start -= text[start - 2] == '\r' ? 2 : 1;
        }

        return text[..start] + text[existing.End..];
    }

    private static string Prefix(ConfigLocation location) => string.Join('.', location.ServersPath);

    private static string Render(string prefix, ConfigEntry entry, string newLine)
    {
        var builder = new StringBuilder().Append('[').Append(prefix).Append('.').Append(entry.Name).Append(']').Append(newLine);
        foreach (var (key, value) in entry.Fields)
        {
            builder.Append(key).Append(" = ").Append(RenderValue(value)).Append(newLine);
        }

        return builder.ToString();
    }

    private static string RenderValue(object value) => value switch
    {
        string s => JsoncConfigEditor.Quote(s),
        bool b => b ? "true" : "false",
        int n => n.ToString(CultureInfo.InvariantCulture),
        IEnumerable<string> list => "[" + string.Join(", ", list.Select(JsoncConfigEditor.Quote)) + "]",
        _ => throw new ArgumentException($"Cannot write a {value.GetType().Name} to TOML.", nameof(value)),
    };

    /// <summary>The tables named <c>[prefix.NAME]</c>, each spanning its header to its last non-blank line.</summary>
    private static List<TableSpan> Headers(string text, string prefix)
    {
        var lines = Lines(text);
        var result = new List<TableSpan>();
        for (var i = 0; i < lines.Count; i++)
        {
            var match = HeaderPattern().Match(lines[i].Text);
            if (!match.Success || match.Groups["prefix"].Value != prefix)
            {
                continue;
            }

            var end = i;
            for (var j = i + 1; j < lines.Count && !lines[j].Text.TrimStart().StartsWith('['); j++)
            {
                if (lines[j].Text.Trim().Length > 0)
                {
                    end = j;
                }
            }

            result.Add(new TableSpan(match.Groups["name"].Value, lines[i].Start, lines[end].End));
        }

        return result;
    }

    /// <summary>Each line's text (without its line break) and its span including the line break.</summary>
    internal static List<(int Start, int End, string Text)> Lines(string text)
    {
        var lines = new List<(int, int, string)>();
        var start = 0;
        while (start < text.Length)
        {
            var newline = text.IndexOf('\n', start);
            var end = newline < 0 ? text.Length : newline + 1;
            lines.Add((start, end, text[start..end].TrimEnd('\n', '\r')));
            start = end;
        }

        return lines;
    }

    /// <summary>How deeply arrays and inline tables may nest; Tomlyn reports deeper as a diagnostic.</summary>
    public const int MaxDepth = 64;

    private static readonly Tomlyn.TomlSerializerOptions s_parseOptions = new() { MaxDepth = MaxDepth };

    private static void Validate(string text)
    {
        Tomlyn.Syntax.DocumentSyntax document;
        try
        {
            document = SyntaxParser.Parse(text, s_parseOptions, "config.toml", true);
        }
        catch (Tomlyn.TomlException ex)
        {
            // Past MaxDepth Tomlyn throws rather than reporting a diagnostic.
            throw new ConfigParseException($"not valid TOML, or nested deeper than {MaxDepth} levels ({ex.Message})", 0, 0);
        }

        if (!document.HasErrors)
        {
            return;
        }

        var error = document.Diagnostics.First(d => d.Kind == DiagnosticMessageKind.Error);
        throw new ConfigParseException(error.Message, error.Span.Start.Line + 1, error.Span.Start.Column + 1);
    }

    [GeneratedRegex("""^\s*\[\s*(?<prefix>[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*)\.(?<q>"?)(?<name>[A-Za-z0-9_.-]+)\k<q>\s*\]\s*(#.*)?$""")]
    private static partial Regex HeaderPattern();

    private sealed record TableSpan(string Name, int Start, int End);
}
