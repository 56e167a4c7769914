using System.Security.Cryptography;
using System.Text;

namespace Toolshed.Proxy.Groups.Optimizer;

/// <summary>
/// A group's search indexes, one per distinct set of tools (keyed by a hash of their names and descriptions), so
/// clients that see the same tools share one, and a new index is built only when a list changes. At most
/// <see cref="Capacity"/> are kept; the least recently used goes first.
/// </summary>
internal sealed class ToolIndexCache : IDisposable
{
    public const int Capacity = 16;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, (ToolIndex Index, long LastUsed)> _indexes = new(StringComparer.Ordinal);
    private long _clock;

    /// <summary>How many indexes were built (a repeated set of tools builds none).</summary>
    public int Builds { get; private set; }

    public ToolIndex Get(IReadOnlyList<(string Name, string Description)> tools) => Get(KeyOf(tools), tools);

    /// <summary>The index of <paramref name="tools"/>, whose <see cref="KeyOf"/> is <paramref name="key"/>.</summary>
    public ToolIndex Get(string key, IReadOnlyList<(string Name, string Description)> tools)
    {
        lock (_lock)
        {
            if (_indexes.TryGetValue(key, out var cached))
            {
                _indexes[key] = (cached.Index, ++_clock);
                return cached.Index;
            }

            if (_indexes.Count >= Capacity)
            {
                var oldest = _indexes.MinBy(i => i.Value.LastUsed);
                oldest.Value.Index.Dispose();
                _indexes.Remove(oldest.Key);
            }

            var index = ToolIndex.Build(tools);
            Builds++;
            _indexes[key] = (index, ++_clock);
            return index;
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var (index, _) in _indexes.Values)
            {
                index.Dispose();
            }

            _indexes.Clear();
        }
    }

    public static string KeyOf(IReadOnlyList<(string Name, string Description)> tools)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (name, description) in tools)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(name));
            hash.AppendData([0]);
            hash.AppendData(Encoding.UTF8.GetBytes(description));
            hash.AppendData([0]);
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }
}
