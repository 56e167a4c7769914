namespace Toolshed.Clients;

/// <summary>A JSONC object: <see cref="JsoncNode.Start"/> is its '{', <see cref="JsoncNode.End"/> is just past its '}'.</summary>
internal sealed class JsoncObject(int start, int end, IReadOnlyList<JsoncMember> members) : JsoncNode(start, end)
{
    public IReadOnlyList<JsoncMember> Members { get; } = members;

    /// <summary>The last member with this key (later duplicates win, as in most JSON readers).</summary>
    public JsoncMember? Find(string key) => Members.LastOrDefault(m => m.Key == key);
}
