namespace Toolshed.Proxy.Groups;

/// <summary>
/// A name two or more members offer, and what the group did about it: <c>prefixed</c> (each shown as
/// <c>member_name</c>), <c>kept by MEMBER</c> (priority), or <c>unresolved</c> (manual, or prefixes that collide
/// again: none of them is shown, and the group's clients are told why).
/// </summary>
public sealed record NamingConflict(string Name, IReadOnlyList<string> Members, string Resolution)
{
    public const string Prefixed = "prefixed";
    public const string Unresolved = "unresolved";

    public bool IsUnresolved => Resolution == Unresolved;

    public override string ToString() => $"'{Name}' ({string.Join(", ", Members)}): {Resolution}";
}
