namespace Toolshed.Authorization;

/// <summary>A Cedar entity reference such as <c>Client::"alice"</c>: a (possibly namespaced) type and an id.</summary>
public readonly record struct EntityUid(string Type, string Id)
{
    public override string ToString() => $"{Type}::\"{CedarValue.Escape(Id)}\"";
}
