using System.Collections.Concurrent;

namespace Toolshed.Proxy.Telemetry;

/// <summary>
/// The values one metric label may take on one endpoint: the first <c>maxValues</c> distinct ones seen (each cut to
/// <c>maxChars</c>), and <see cref="McpSemanticConventions.Other"/> for any later one. A hostile server that lists
/// 100,000 tools, or a client that calls 100,000 made-up methods, costs at most that many entries (a few more while
/// writers race), not one time series each.
/// </summary>
internal sealed class LabelBudget(int maxValues, int maxChars)
{
    private readonly ConcurrentDictionary<string, string> _admitted = new(StringComparer.Ordinal);

    public int Count => _admitted.Count;

    /// <summary>The label value to record for <paramref name="value"/>; null stays null.</summary>
    public string? Admit(string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (value.Length > maxChars)
        {
            value = value[..maxChars];
        }

        if (_admitted.TryGetValue(value, out var admitted))
        {
            return admitted;
        }

        return _admitted.Count >= maxValues ? McpSemanticConventions.Other : _admitted.GetOrAdd(value, value);
    }
}
