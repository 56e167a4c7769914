namespace Toolshed.Proxy.Groups;

/// <summary>What a group shows now: its tools and prompts (each with its member and name there), the collisions it
/// settled or could not, and the running members that could not be listed (with why).</summary>
public sealed record GroupInspection(
    IReadOnlyList<NamedEntry> Tools,
    IReadOnlyList<NamedEntry> Prompts,
    IReadOnlyList<NamingConflict> Conflicts,
    IReadOnlyDictionary<string, string> Unavailable);
