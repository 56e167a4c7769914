using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Toolshed.Clients;

/// <summary>
/// Edits JSON and JSONC config files by splicing text at the spans the <see cref="JsoncParser"/> found: comments, key
/// order, indentation and line endings of everything else stay exactly as they were.
/// </summary>
public sealed class JsoncConfigEditor : IConfigEditor
{
    public IReadOnlyList<string> EntryNames(string text, ConfigLocation location)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(location);
        var servers = FindServers(text, location, out _, out _);
        return servers is null ? [] : [.. servers.Members.Select(m => m.Key)];
    }

    public string Upsert(string text, ConfigLocation location, ConfigEntry entry)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(location);
        ArgumentNullException.ThrowIfNull(entry);
        var layout = TextLayout.Of(text);
        var root = JsoncParser.Parse(text);
        if (root is null)
        {
            // An empty (or comment-only) file: start a document after whatever comments it has.
            var nested = location.ServersPath.Reverse().Aggregate(
                (Func<string, string>)(indent => RenderObject([new(entry.Name, entry)], indent, layout)),
                (inner, key) => indent => RenderObject([new(key, inner)], indent, layout));
            var prefix = text.TrimEnd();
            return (prefix.Length > 0 ? prefix + layout.NewLine : "") + nested("") + layout.NewLine;
        }

        var current = root as JsoncObject ?? throw At(text, root.Start, "the document is not a JSON object");
        for (var depth = 0; depth < location.ServersPath.Count; depth++)
        {
            var key = location.ServersPath[depth];
            var member = current.Find(key);
            if (member is null)
            {
                var remaining = location.ServersPath.Skip(depth + 1).Reverse().Aggregate(
                    (Func<string, string>)(indent => RenderObject([new(entry.Name, entry)], indent, layout)),
                    (inner, k) => indent => RenderObject([new(k, inner)], indent, layout));
                return InsertMember(text, current, key, remaining, layout);
            }

            current = member.Value as JsoncObject ?? throw At(text, member.Value.Start, $"\"{key}\" is not an object");
        }

        var existing = current.Find(entry.Name);
        if (existing is null)
        {
            return InsertMember(text, current, entry.Name, indent => RenderEntry(entry, indent, layout), layout);
        }

        var memberIndent = TextLayout.LineIndent(text, existing.KeyStart);
        return string.Concat(text.AsSpan(0, existing.Value.Start), RenderEntry(entry, memberIndent, layout), text.AsSpan(existing.Value.End));
    }

    public string Remove(string text, ConfigLocation location, string entryName)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(location);
        var servers = FindServers(text, location, out _, out _);
        var index = servers is null ? -1 : LastIndexOf(servers, entryName);
        if (servers is null || index < 0)
        {
            return text;
        }

        var members = servers.Members;
        var member = members[index];
        var lineStart = TextLayout.StartsLine(text, member.KeyStart) ? TextLayout.LineStart(text, member.KeyStart) : member.KeyStart;
        if (members.Count == 1 && !HasComments(text, servers.Start + 1, servers.End - 1, member))
        {
            return string.Concat(text.AsSpan(0, servers.Start + 1), text.AsSpan(servers.End - 1));
        }

        if (member.CommaAfter is int comma)
        {
            // Not the last member (or a trailing-comma style): the whole line goes, with its comma.
            var end = EndOfLine(text, comma + 1, includeNewLine: true);
            return string.Concat(text.AsSpan(0, lineStart), text.AsSpan(end));
        }

        if (index == 0)
        {
            return string.Concat(text.AsSpan(0, lineStart), text.AsSpan(member.Value.End));
        }

        // The last member: drop the previous member's comma and our line, keeping any comment after that comma.
        var previousComma = members[index - 1].CommaAfter!.Value;
        var from = lineStart > 0 && text[lineStart - 1] == '\n' ? lineStart - 1 - (lineStart > 1 && text[lineStart - 2] == '\r' ? 1 : 0) : member.KeyStart;
        if (from <= previousComma)
        {
            return string.Concat(text.AsSpan(0, previousComma), text.AsSpan(member.Value.End));
        }

        return string.Concat(text.AsSpan(0, previousComma), text.AsSpan(previousComma + 1, from - previousComma - 1), text.AsSpan(member.Value.End));
    }

    internal static string RenderEntry(ConfigEntry entry, string indent, TextLayout layout) =>
        RenderObject([.. entry.Fields.Select(f => new KeyValuePair<string, object>(f.Key, f.Value))], indent, layout);

    private static JsoncObject? FindServers(string text, ConfigLocation location, out JsoncNode? root, out int depth)
    {
        root = JsoncParser.Parse(text);
        depth = 0;
        if (root is null)
        {
            return null;
        }

        var current = root as JsoncObject ?? throw At(text, root.Start, "the document is not a JSON object");
        foreach (var key in location.ServersPath)
        {
            var member = current.Find(key);
            if (member is null)
            {
                return null;
            }

            current = member.Value as JsoncObject ?? throw At(text, member.Value.Start, $"\"{key}\" is not an object");
            depth++;
        }

        return current;
    }

    private static int LastIndexOf(JsoncObject obj, string key)
    {
        for (var i = obj.Members.Count - 1; i >= 0; i--)
        {
            if (obj.Members[i].Key == key)
            {
                return i;
            }
        }

        return -1;
    }

    private static string InsertMember(string text, JsoncObject target, string key, Func<string, string> renderValue, TextLayout layout)
    {
        var members = target.Members;
        var first = members.Count > 0 ? members[0] : null;
        var indent = first is not null && TextLayout.StartsLine(text, first.KeyStart)
            ? TextLayout.LineIndent(text, first.KeyStart)
            : TextLayout.LineIndent(text, target.Start) + layout.IndentUnit;
        var member = Quote(key) + ": " + renderValue(indent);
        if (members.Count == 0)
        {
            var inside = text.AsSpan(target.Start + 1, target.End - target.Start - 2);
            var closingIndent = TextLayout.LineIndent(text, target.Start);
            return inside.IsWhiteSpace()
                ? string.Concat(text.AsSpan(0, target.Start + 1), layout.NewLine + indent + member + layout.NewLine + closingIndent, text.AsSpan(target.End - 1))
                : string.Concat(text.AsSpan(0, target.Start + 1), layout.NewLine + indent + member, text.AsSpan(target.Start + 1));
        }

        var last = members[^1];
        if (last.CommaAfter is int comma)
        {
            var at = EndOfLine(text, comma + 1, includeNewLine: false);
            return string.Concat(text.AsSpan(0, at), layout.NewLine + indent + member + ",", text.AsSpan(at));
        }

        var lineEnd = EndOfLine(text, last.Value.End, includeNewLine: false);
        return text[..last.Value.End] + "," + text[last.Value.End..lineEnd] + layout.NewLine + indent + member + text[lineEnd..];
    }

    /// <summary>
    /// From <paramref name="position"/>, skips spaces and a trailing // comment; returns where the line ends (before
    /// or after its line break), or the position of the first other character on the line.
    /// </summary>
    private static int EndOfLine(string text, int position, bool includeNewLine)
    {
        var i = position;
        while (i < text.Length && (text[i] == ' ' || text[i] == '\t'))
        {
            i++;
        }

        if (i + 1 < text.Length && text[i] == '/' && text[i + 1] == '/')
        {
            while (i < text.Length && text[i] != '\n' && text[i] != '\r')
            {
                i++;
            }
        }

        if (i < text.Length && (text[i] == '\r' || text[i] == '\n'))
        {
            if (!includeNewLine)
            {
                return i;
            }

            return text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? i + 2 : i + 1;
        }

        return i == text.Length ? i : position;
    }

    private static bool HasComments(string text, int from, int to, JsoncMember except)
    {
        var outside = string.Concat(text.AsSpan(from, except.KeyStart - from), text.AsSpan(except.Value.End, to - except.Value.End));
        return outside.Contains("//", StringComparison.Ordinal) || outside.Contains("/*", StringComparison.Ordinal);
    }

    private static string RenderObject(IReadOnlyList<KeyValuePair<string, object>> fields, string indent, TextLayout layout)
    {
        var inner = indent + layout.IndentUnit;
        var builder = new StringBuilder("{");
        for (var i = 0; i < fields.Count; i++)
        {
            builder.Append(layout.NewLine).Append(inner).Append(Quote(fields[i].Key)).Append(": ").Append(RenderValue(fields[i].Value, inner, layout));
            if (i < fields.Count - 1)
            {
                builder.Append(',');
            }
        }

        return builder.Append(layout.NewLine).Append(indent).Append('}').ToString();
    }

    private static string RenderValue(object value, string indent, TextLayout layout) => value switch
    {
        string s => Quote(s),
        bool b => b ? "true" : "false",
        int n => n.ToString(CultureInfo.InvariantCulture),
        IEnumerable<string> list => "[" + string.Join(", ", list.Select(Quote)) + "]",
        Func<string, string> nested => nested(indent),
        ConfigEntry entry => RenderEntry(entry, indent, layout),
        _ => throw new ArgumentException($"Cannot write a {value.GetType().Name} to JSON.", nameof(value)),
    };

    internal static string Quote(string value) => "\"" + JsonEncodedText.Encode(value, JavaScriptEncoder.UnsafeRelaxedJsonEscaping) + "\"";

    private static ConfigParseException At(string text, int position, string message)
    {
        var (line, column) = JsoncParser.LineAndColumn(text, position);
        return new ConfigParseException(message, line, column);
    }
}
