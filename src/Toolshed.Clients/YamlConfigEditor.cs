using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Toolshed.Core.IO;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Toolshed.Clients;

/// <summary>
/// Edits YAML config files (Continue, Goose) line by line inside one top-level block mapping or sequence, so comments,
/// key order and formatting elsewhere are kept. Limits: the servers key must be top-level and in block style (a flow
/// style <c>key: {...}</c> other than an empty one is refused with a message); YamlDotNet validates before and after.
/// </summary>
public sealed partial class YamlConfigEditor : IConfigEditor
{
    public IReadOnlyList<string> EntryNames(string text, ConfigLocation location)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(location);
        Validate(text);
        var block = FindBlock(text, location);
        return block is null ? [] : [.. Items(block, location.Layout).Select(i => i.Name)];
    }

    public string Upsert(string text, ConfigLocation location, ConfigEntry entry)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(location);
        ArgumentNullException.ThrowIfNull(entry);
        Validate(text);
        var layout = TextLayout.Of(text);
        var key = Key(location);
        var block = FindBlock(text, location);
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
            var items = Items(block, location.Layout);
            var indent = items.Count > 0 ? block.ChildIndent : layout.IndentUnit;
            var rendered = Render(entry, location.Layout, indent, layout);
            var existing = items.FirstOrDefault(i => i.Name == entry.Name);
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
            Validate(result);
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
        Validate(text);
        var block = FindBlock(text, location);
        var item = block is null ? null : Items(block, location.Layout).FirstOrDefault(i => i.Name == entryName);
        if (block is null || item is null)
        {
            return text;
        }

        return text[..block.Lines[item.First].Start] + text[block.Lines[item.Last].End..];
    }

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

    private static Block? FindBlock(string text, ConfigLocation location)
    {
        var key = Key(location);
        var lines = TomlConfigEditor.Lines(text);
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i].Text;
            if (!line.StartsWith(key + ":", StringComparison.Ordinal))
            {
                continue;
            }

            var rest = StripComment(line[(key.Length + 1)..]).Trim();
            if (rest is "{}" or "[]")
            {
                return new Block(lines, i, i, "", EmptyFlow: true);
            }

            if (rest.Length > 0)
            {
                throw new ConfigParseException($"'{key}' is written in flow style; Toolshed only edits block style (one entry per line)", i + 1, key.Length + 2);
            }

            var last = i;
            string? childIndent = null;
            for (var j = i + 1; j < lines.Count; j++)
            {
                var current = lines[j].Text;
                var trimmed = current.TrimStart();
                if (trimmed.Length == 0 || (trimmed.StartsWith('#') && current.Length == trimmed.Length))
                {
                    continue;
                }

                var isChild = current.Length != trimmed.Length || (location.Layout == ServersLayout.List && trimmed.StartsWith("- ", StringComparison.Ordinal));
                if (!isChild)
                {
                    break;
                }

                last = j;
                if (childIndent is null && !trimmed.StartsWith('#'))
                {
                    childIndent = current[..(current.Length - trimmed.Length)];
                }
            }

            return new Block(lines, i, last, childIndent ?? "", EmptyFlow: false);
        }

        return null;
    }

    private static List<Item> Items(Block block, ServersLayout shape)
    {
        var starts = new List<int>();
        for (var j = block.KeyLine + 1; j <= block.LastContent; j++)
        {
            var text = block.Lines[j].Text;
            if (Indent(text) == block.ChildIndent && text.Trim().Length > 0 && !text.TrimStart().StartsWith('#')
                && (shape == ServersLayout.Map || text.TrimStart().StartsWith("- ", StringComparison.Ordinal)))
            {
                starts.Add(j);
            }
        }

        var items = new List<Item>();
        for (var k = 0; k < starts.Count; k++)
        {
            var limit = k + 1 < starts.Count ? starts[k + 1] - 1 : block.LastContent;
            var last = starts[k];
            for (var j = starts[k] + 1; j <= limit; j++)
            {
                var text = block.Lines[j].Text;
                if (text.Trim().Length > 0 && Indent(text).Length > block.ChildIndent.Length)
                {
                    last = j;
                }
            }

            var name = shape == ServersLayout.Map ? MapKey(block.Lines[starts[k]].Text) : ListName(block, starts[k], last);
            if (name is not null)
            {
                items.Add(new Item(name, starts[k], last));
            }
        }

        return items;
    }

    private static string? MapKey(string line)
    {
        var match = MapKeyPattern().Match(line);
        return match.Success ? Unquote(match.Groups["key"].Value.Trim()) : null;
    }

    private static string? ListName(Block block, int first, int last)
    {
        for (var j = first; j <= last; j++)
        {
            var text = block.Lines[j].Text.TrimStart();
            text = j == first ? text[2..].TrimStart() : text;
            if (text.StartsWith("name:", StringComparison.Ordinal))
            {
                return Unquote(StripComment(text[5..]).Trim());
            }
        }

        return null;
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0] ? value[1..^1] : value;

    private static string StripComment(string value)
    {
        var hash = value.IndexOf(" #", StringComparison.Ordinal);
        return hash < 0 ? value : value[..hash];
    }

    private static string Indent(string line) => line[..(line.Length - line.TrimStart().Length)];

    /// <summary>How deeply mappings and sequences may nest (YamlStream builds its nodes recursively).</summary>
    public const int MaxDepth = 64;

    private static void Validate(string text)
    {
        try
        {
            YamlDepth.Check(text, MaxDepth);
            new YamlStream().Load(new StringReader(text));
        }
        catch (YamlDepthException ex)
        {
            throw new ConfigParseException($"mappings and sequences nest deeper than {MaxDepth} levels", (int)ex.Line, 0);
        }
        catch (YamlException ex)
        {
            throw new ConfigParseException(ex.Message, (int)ex.Start.Line, (int)ex.Start.Column);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet reports some malformed input this way, without a position (a document's end where a node was
            // expected, say).
            throw new ConfigParseException($"not valid YAML ({ex.Message})", 0, 0);
        }
    }

    [GeneratedRegex("""^[A-Za-z0-9_./-][A-Za-z0-9_./:@-]*$""")]
    private static partial Regex PlainScalar();

    [GeneratedRegex("""^\s*(?<key>"[^"]*"|'[^']*'|[^\s#:'"][^:#]*?)\s*:(\s|$)""")]
    private static partial Regex MapKeyPattern();

    private sealed record Block(List<(int Start, int End, string Text)> Lines, int KeyLine, int LastContent, string ChildIndent, bool EmptyFlow);

    private sealed record Item(string Name, int First, int Last);
}
