using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Toolshed.Clients;

/// <summary>
/// Finds a top-level servers key and its entries in a YAML text from YamlDotNet's parser events and their marks, in one
/// pass with no recursion (so nesting is limited before anything could overflow the stack). The whole text is parsed,
/// so a scan is also the validation: malformed YAML throws <see cref="ConfigParseException"/> with its position.
/// </summary>
internal sealed class YamlServersScanner
{
    private readonly string _key;
    private readonly ServersLayout _layout;
    private readonly int _maxDepth;
    private readonly TextLines _lines;
    private readonly List<YamlServersItem> _items = [];
    private readonly List<int> _nodeIndex = [];
    private int _depth;
    private int _keyLine = -1;
    private int _serversDepth = -1;
    private int _lastContent = -1;
    private bool _emptyFlow;
    private bool _rootIsMapping;
    private bool _nextIsServers;
    private bool _nextIsName;
    private YamlServersItem? _item;

    private YamlServersScanner(string text, string key, ServersLayout layout, int maxDepth)
    {
        _key = key;
        _layout = layout;
        _maxDepth = maxDepth;
        _lines = new TextLines(text);
    }

    /// <summary>The servers block of <paramref name="text"/>, or null when it has no top-level <paramref name="key"/>.</summary>
    public static YamlServersBlock? Scan(string text, string key, ServersLayout layout, int maxDepth) =>
        new YamlServersScanner(text, key, layout, maxDepth).Run();

    private YamlServersBlock? Run()
    {
        var parser = new Parser(new StringReader(_lines.Text));
        try
        {
            while (parser.MoveNext())
            {
                Accept(parser.Current!);
            }
        }
        catch (YamlException ex)
        {
            throw new ConfigParseException(ex.Message, (int)ex.Start.Line, (int)ex.Start.Column);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet reports some malformed input this way, without a position.
            throw new ConfigParseException($"not valid YAML ({ex.Message})", 0, 0);
        }

        if (_keyLine < 0)
        {
            return null;
        }

        var childIndent = _items.Count > 0 ? _lines.Indent(_items[0].First) : "";
        return new YamlServersBlock(_lines, _keyLine, Math.Max(_keyLine, _lastContent), childIndent, _emptyFlow, _items);
    }

    private void Accept(ParsingEvent current)
    {
        switch (current)
        {
            case MappingStart or SequenceStart:
                if (_depth == 0)
                {
                    _rootIsMapping = current is MappingStart;
                }

                Node(current);
                if (++_depth > _maxDepth)
                {
                    throw new ConfigParseException($"mappings and sequences nest deeper than {_maxDepth} levels", (int)current.Start.Line, 0);
                }

                SetIndex(_depth, 0);
                break;
            case MappingEnd or SequenceEnd:
                if (_depth == _serversDepth)
                {
                    _serversDepth = -1;
                    CloseItem();
                }

                _depth--;
                if (IsFlowEnd(current))
                {
                    Content(current);
                }

                break;
            case Scalar or AnchorAlias:
                Node(current);
                Content(current);
                break;
        }
    }

    /// <summary>A node starts at the current depth: a key or value of the root mapping, an entry of the servers, or inside one.</summary>
    private void Node(ParsingEvent current)
    {
        var index = Index(_depth);
        SetIndex(_depth, index + 1);
        var isKey = index % 2 == 0;
        if (_depth == 1 && _nextIsServers)
        {
            _nextIsServers = false;
            StartServers(current);
            return;
        }

        if (_depth == 1 && _rootIsMapping && isKey && current is Scalar { Value: var name } && name == _key && _keyLine < 0)
        {
            _keyLine = Line(current.Start);
            _nextIsServers = true;
            return;
        }

        if (_serversDepth < 0)
        {
            return;
        }

        if (_depth == _serversDepth && (_layout == ServersLayout.List || isKey))
        {
            CloseItem();
            var line = Line(current.Start);
            _item = new YamlServersItem(_layout == ServersLayout.Map && current is Scalar scalar ? scalar.Value : null, line, line);
            return;
        }

        if (_layout == ServersLayout.List && _depth == _serversDepth + 1 && _item is not null)
        {
            if (_nextIsName)
            {
                _nextIsName = false;
                _item = _item with { Name = (current as Scalar)?.Value ?? _item.Name };
            }
            else if (isKey && current is Scalar { Value: "name" } && _item.Name is null)
            {
                _nextIsName = true;
            }
        }
    }

    private void StartServers(ParsingEvent value)
    {
        switch (value)
        {
            case MappingStart { Style: MappingStyle.Flow } or SequenceStart { Style: SequenceStyle.Flow }:
                _emptyFlow = true;
                _serversDepth = _depth + 1;
                break;
            case MappingStart when _layout == ServersLayout.List:
            case SequenceStart when _layout == ServersLayout.Map:
                var (found, expected) = _layout == ServersLayout.Map ? ("a list", "a map of servers by name") : ("a map", "a list of servers");
                throw new ConfigParseException($"'{_key}' is {found}, where this client keeps {expected}; Toolshed does not edit it", _keyLine + 1, _key.Length + 2);
            case MappingStart or SequenceStart:
                _serversDepth = _depth + 1;
                break;
            case Scalar { Value: "", Style: ScalarStyle.Plain }:
                // `key:` with nothing after it: an empty block the entries go under.
                break;
            default:
                throw new ConfigParseException($"'{_key}' holds a single value or an alias, not a block of servers; Toolshed does not edit it", _keyLine + 1, _key.Length + 2);
        }
    }

    private void Content(ParsingEvent current)
    {
        var last = _lines.LineOf(Math.Max((int)current.Start.Index, (int)current.End.Index - 1));
        if (_serversDepth >= 0)
        {
            _lastContent = Math.Max(_lastContent, last);
        }

        if (_emptyFlow && _serversDepth >= 0 && _depth >= _serversDepth)
        {
            throw new ConfigParseException($"'{_key}' is written in flow style; Toolshed only edits block style (one entry per line)", _keyLine + 1, _key.Length + 2);
        }

        if (_item is not null && _depth >= _serversDepth)
        {
            _item = _item with { Last = Math.Max(_item.Last, last) };
        }
    }

    private void CloseItem()
    {
        if (_item is not null)
        {
            if (_item.Name is not null)
            {
                _items.Add(_item);
            }

            _lastContent = Math.Max(_lastContent, _item.Last);
            _item = null;
        }

        _nextIsName = false;
    }

    private static bool IsFlowEnd(ParsingEvent current) => current.Start.Index != current.End.Index;

    private int Line(Mark mark) => _lines.LineOf((int)mark.Index);

    private int Index(int depth) => depth < _nodeIndex.Count ? _nodeIndex[depth] : 0;

    private void SetIndex(int depth, int value)
    {
        while (_nodeIndex.Count <= depth)
        {
            _nodeIndex.Add(0);
        }

        _nodeIndex[depth] = value;
    }
}
