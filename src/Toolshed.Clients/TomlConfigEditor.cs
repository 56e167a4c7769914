using System.Globalization;
using System.Text;
using Tomlyn.Parsing;
using Tomlyn.Syntax;

namespace Toolshed.Clients;

/// <summary>
/// Edits TOML config files (Codex) by adding or removing whole <c>[servers.NAME]</c> tables as text, at the spans of
/// Tomlyn's syntax tree (so quoted and dotted names are read as TOML reads them): every other byte is kept. The file is validated before and after; an edit that would not parse (for example when the servers are an
/// inline table) is refused rather than written.
/// </summary>
public sealed class TomlConfigEditor : IConfigEditor
{
    public IReadOnlyList<string> EntryNames(string text, ConfigLocation location)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(location);
        return [.. Tables(text, Parse(text), location).Select(h => h.Name)];
    }

    public string Upsert(string text, ConfigLocation location, ConfigEntry entry)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(location);
        ArgumentNullException.ThrowIfNull(entry);
        var document = Parse(text);
        var newLine = TextLayout.Of(text).NewLine;
        var table = Render(location, entry, newLine);
        var existing = Tables(text, document, location).FirstOrDefault(h => h.Name == entry.Name);
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
            Parse(result);
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
        var existing = Tables(text, Parse(text), location).FirstOrDefault(h => h.Name == entryName);
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

    private static string Prefix(ConfigLocation location) => string.Join('.', location.ServersPath.Select(KeyText));

    private static string Render(ConfigLocation location, ConfigEntry entry, string newLine)
    {
        var header = string.Join('.', location.ServersPath.Append(entry.Name).Select(KeyText));
        var builder = new StringBuilder().Append('[').Append(header).Append(']').Append(newLine);
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

    /// <summary>
    /// The tables <c>[servers.NAME]</c> as the parser found them, each spanning the lines from its header to its last
    /// key (or the last of its own sub-tables <c>[servers.NAME.x]</c> that follow it), with their line breaks.
    /// </summary>
    private static List<TableSpan> Tables(string text, DocumentSyntax document, ConfigLocation location)
    {
        var lines = new TextLines(text);
        var tables = document.Tables.ToList();
        var prefix = location.ServersPath;
        var result = new List<TableSpan>();
        for (var i = 0; i < tables.Count; i++)
        {
            if (tables[i] is not TableSyntax table || KeyParts(table.Name) is not { } parts
                || parts.Count != prefix.Count + 1 || !parts.Take(prefix.Count).SequenceEqual(prefix))
            {
                continue;
            }

            var last = tables[i];
            while (i + 1 < tables.Count && KeyParts(tables[i + 1].Name) is { } next && next.Count > parts.Count
                   && next.Take(parts.Count).SequenceEqual(parts))
            {
                last = tables[++i];
            }

            result.Add(new TableSpan(parts[^1], lines[lines.LineOf(table.Span.Start.Offset)].Start, lines[lines.LineOf(last.Span.End.Offset)].End));
        }

        return result;
    }

    private static List<string>? KeyParts(KeySyntax? key)
    {
        if (key is null || Part(key.Key) is not { } first)
        {
            return null;
        }

        var parts = new List<string> { first };
        foreach (var dotted in key.DotKeys)
        {
            if (Part(dotted.Key) is not { } part)
            {
                return null;
            }

            parts.Add(part);
        }

        return parts;
    }

    private static string? Part(BareKeyOrStringValueSyntax? key) => key switch
    {
        BareKeySyntax bare => bare.Key?.Text,
        StringValueSyntax quoted => quoted.Value,
        _ => null,
    };

    private static string KeyText(string part) => BareKeySyntax.IsBareKey(part) ? part : JsoncConfigEditor.Quote(part);

    /// <summary>How deeply arrays and inline tables may nest; Tomlyn reports deeper as a diagnostic.</summary>
    public const int MaxDepth = 64;

    private static readonly Tomlyn.TomlSerializerOptions s_parseOptions = new() { MaxDepth = MaxDepth };

    private static DocumentSyntax Parse(string text)
    {
        DocumentSyntax document;
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
            return document;
        }

        var error = document.Diagnostics.First(d => d.Kind == DiagnosticMessageKind.Error);
        throw new ConfigParseException(error.Message, error.Span.Start.Line + 1, error.Span.Start.Column + 1);
    }

    private sealed record TableSpan(string Name, int Start, int End);
}
