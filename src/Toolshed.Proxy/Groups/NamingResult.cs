namespace Toolshed.Proxy.Groups;

/// <summary>The names a group shows, in member order, and every collision it met on the way.</summary>
public sealed record NamingResult(IReadOnlyList<NamedEntry> Entries, IReadOnlyList<NamingConflict> Conflicts)
{
    public bool HasUnresolved => Conflicts.Any(c => c.IsUnresolved);
}
