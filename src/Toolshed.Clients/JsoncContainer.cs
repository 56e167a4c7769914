namespace Toolshed.Clients;

/// <summary>An object or array the <see cref="JsoncParser"/> is inside; objects collect their members and the key whose value comes next.</summary>
internal sealed class JsoncContainer(bool isObject, int start)
{
    public bool IsObject { get; } = isObject;

    /// <summary>UTF-8 byte offset of its '{' or '['.</summary>
    public int Start { get; } = start;

    public List<JsoncMember> Members { get; } = [];

    public string? Key { get; set; }

    /// <summary>Char offset of <see cref="Key"/>'s opening quote.</summary>
    public int KeyStart { get; set; }
}
