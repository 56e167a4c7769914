using System.Text.Json.Nodes;
using Toolshed.Core.Tools;

namespace Toolshed.Proxy.Tools;

/// <summary>
/// A workload's <see cref="ToolFilterSpec"/> ready for the request path: a <c>tools/list</c> answer rewritten (each
/// override applied, then the allow-list on the new names) and a client's tool name mapped back to the server's. A
/// hidden tool, or the old name of a renamed one, maps to nothing: for the client it does not exist. Immutable; a
/// change swaps the whole filter.
/// </summary>
internal sealed class ToolFilter
{
    private readonly HashSet<string>? _allowed;
    private readonly Dictionary<string, ToolOverride> _byServerName;
    private readonly Dictionary<string, string> _serverNameOf;

    public ToolFilter(ToolFilterSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Spec = spec;
        _allowed = spec.Allow is null ? null : new HashSet<string>(spec.Allow, StringComparer.Ordinal);
        _byServerName = new Dictionary<string, ToolOverride>(spec.Overrides, StringComparer.Ordinal);
        _serverNameOf = spec.Overrides
            .Where(o => o.Value.Name is not null)
            .ToDictionary(o => o.Value.Name!, o => o.Key, StringComparer.Ordinal);
    }

    public ToolFilterSpec Spec { get; }

    /// <summary>The name the server knows the tool a client called <paramref name="clientName"/> by; null when the
    /// client may not see such a tool.</summary>
    public string? ServerNameOf(string clientName)
    {
        ArgumentNullException.ThrowIfNull(clientName);
        string serverName;
        if (_serverNameOf.TryGetValue(clientName, out var original))
        {
            serverName = original;
        }
        else if (_byServerName.TryGetValue(clientName, out var change) && change.Name is not null)
        {
            return null; // the old name of a renamed tool
        }
        else
        {
            serverName = clientName;
        }

        return _allowed is null || _allowed.Contains(clientName) ? serverName : null;
    }

    /// <summary>Rewrites a <c>tools/list</c> result's <c>tools</c> array in place.</summary>
    public void Apply(JsonArray tools)
    {
        ArgumentNullException.ThrowIfNull(tools);
        for (var i = tools.Count - 1; i >= 0; i--)
        {
            if (tools[i] is not JsonObject tool || tool["name"] is not JsonValue value || !value.TryGetValue(out string? name))
            {
                tools.RemoveAt(i);
                continue;
            }

            var shown = name;
            if (_byServerName.TryGetValue(name, out var change))
            {
                shown = change.Name ?? name;
                tool["name"] = shown;
                if (change.Description is { } description)
                {
                    tool["description"] = description;
                }
            }
            else if (_serverNameOf.ContainsKey(name))
            {
                // A server tool named like another's new name would make two tools of one name: the renamed one wins.
                tools.RemoveAt(i);
                continue;
            }

            if (_allowed is not null && !_allowed.Contains(shown))
            {
                tools.RemoveAt(i);
            }
        }
    }
}
