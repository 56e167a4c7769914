namespace Toolshed.Authorization;

/// <summary>The kinds of value Toolshed's Cedar engine knows (no extension types such as decimal or ip).</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720", Justification = "Cedar's own names for its types.")]
public enum CedarValueKind
{
    String,
    Long,
    Bool,
    Set,
    Record,
    Entity,
}
