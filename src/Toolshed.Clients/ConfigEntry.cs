namespace Toolshed.Clients;

/// <summary>
/// One server entry to write, format-neutral: its key (or list item name) and its fields in order. Field values are
/// <see cref="string"/>, <see cref="bool"/>, <see cref="int"/> or a list of strings.
/// </summary>
public sealed record ConfigEntry(string Name, IReadOnlyList<KeyValuePair<string, object>> Fields)
{
    /// <summary>Entries Toolshed writes are named <c>toolshed-WORKLOAD</c>; only those are ever changed or removed.</summary>
    public const string NamePrefix = "toolshed-";

    public static string NameFor(string workloadName) => NamePrefix + workloadName;

    public static bool IsOurs(string entryName) => entryName.StartsWith(NamePrefix, StringComparison.Ordinal);
}
