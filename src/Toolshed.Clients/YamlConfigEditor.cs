using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Toolshed.Core.IO;

namespace Toolshed.Clients;

/// <summary>
/// Edits YAML config files (Continue, Goose) inside one top-level block mapping or sequence, at the lines YamlDotNet's
/// parser marks for the servers key and each entry, so comments, key order and formatting elsewhere are kept. Limits:
/// the servers key must be top-level and in block style (a flow style <c>key: {...}</c> other than an empty one is
/// refused with a message); the whole file is parsed before and after every edit.
/// </summary>
public sealed partial class YamlConfigEditor : IConfigEditor
{
    /// <summary>How deeply mappings and sequences may nest.</summary>
    public const int MaxDepth = 64;

    public IReadOnlyList<string> EntryNames(string text, ConfigLocation location)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(location);
        var block = Scan(text, location);
        return block is null ? [] : [.. block.Items.Select(i => i.Name!)];
    }

    public string Upsert(string text, ConfigLocation location, ConfigEntry entry)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(location);
        ArgumentNullException.ThrowIfNull(entry);
        var block = Scan(text, location);
        var layout = TextLayout.Of(text);
        var key = Key(location);
        string result;
        if (block is null)
        {
            var head = text.Length == 0 || text.EndsWith('\n') ? text : text + layout.NewLine;
            result = head + key + ":" + layout.NewLine + Render(entry, location.Layout, layout.IndentUnit, layout);
        }
        else if (block.EmptyFlow)
        {
            var line = block.Lines[block.KeyLine];
            result = text[..line.Start] + key + ":" + layout.NewLine + Render(entry, location.Layout, layout.IndentUnit, layout) + text[line.End..];
        }
        else
        {
            var indent = block.Items.Count > 0 ? block.ChildIndent : layout.IndentUnit;
            var rendered = Render(entry, location.Layout, indent, layout);
            var existing = block.Items.FirstOrDefault(i => i.Name == entry.Name);
            if (existing is not null)
            {
                result = text[..block.Lines[existing.First].Start] + rendered + text[block.Lines[existing.Last].End..];
            }
            else
            {
                var after = block.Lines[block.LastContent];
                var separator = after.End == text.Length && !text.EndsWith('\n') ? layout.NewLine : "";
                result = text[..after.End] + separator + rendered + text[after.End..];
            }
        }

        try
        {
            Scan(result, location);
        }
        catch (ConfigParseException ex)
        {
            throw new ConfigParseException($"the edited file would not parse ({ex.Message}); Toolshed left it unchanged", 0, 0);
        }

        return result;
    }

    public string Remove(string text, ConfigLocation location, string entryName)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(location);
        var block = Scan(text, location);
        var item = block?.Items.FirstOrDefault(i => i.Name == entryName);
        if (block is null || item is null)
        {
            return text;
        }

        return text[..block.Lines[item.First].Start] + text[block.Lines[item.Last].End..];
    }

    private static YamlServersBlock? Scan(string text, ConfigLocation location) =>
        YamlServersScanner.Scan(text, Key(location), location.Layout, MaxDepth);

    private static string Key(ConfigLocation location) =>
        location.ServersPath.Count == 1 ? location.ServersPath[0] : throw new ArgumentException("YAML servers must be a top-level key.", nameof(location));

    private static string Render(ConfigEntry entry, ServersLayout shape, string indent, TextLayout layout)
    {
        var builder = new StringBuilder();
        var inner = indent + layout.IndentUnit;
        if (shape == ServersLayout.Map)
        {
            builder.Append(indent).Append(Scalar(entry.Name)).Append(':').Append(layout.NewLine);
            foreach (var (key, value) in entry.Fields)
            {
                builder.Append(inner).Append(key).Append(": ").Append(Value(value)).Append(layout.NewLine);
            }

            return builder.ToString();
        }

        var first = true;
        foreach (var (key, value) in entry.Fields)
        {
            builder.Append(first ? indent + "- " : indent + "  ").Append(key).Append(": ").Append(Value(value)).Append(layout.NewLine);
            first = false;
        }

        return builder.ToString();
    }

    private static string Value(object value) => value switch
    {
        string s => Scalar(s),
        bool b => b ? "true" : "false",
        int n => n.ToString(CultureInfo.InvariantCulture),
        IEnumerable<string> list => "[" + string.Join(", ", list.Select(Scalar)) + "]",
        _ => throw new ArgumentException($"Cannot write a {value.GetType().Name} to YAML.", nameof(value)),
    };

    private static string Scalar(string value) =>
        PlainScalar().IsMatch(value) && !value.Contains(": ", StringComparison.Ordinal) && !IsReserved(value) ? value : JsoncConfigEditor.Quote(value);

    private static bool IsReserved(string value) =>
        value is "true" or "false" or "null" or "yes" or "no" or "on" or "off" or "~" or "True" or "False" or "Null"
        || double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    [GeneratedRegex("""^[A-Za-z0-9_./-][A-Za-z0-9_./:@-]*$""")]
    private static partial Regex PlainScalar();
}
