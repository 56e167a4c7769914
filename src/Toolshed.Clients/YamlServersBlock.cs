namespace Toolshed.Clients;

/// <summary>
/// Where a YAML file's servers are: the line of the key, the last line of its content, the indentation of its entries,
/// whether it is an empty flow collection (<c>key: {}</c>), and the named entries. Lines are 0-based.
/// </summary>
internal sealed record YamlServersBlock(
    TextLines Lines, int KeyLine, int LastContent, string ChildIndent, bool EmptyFlow, IReadOnlyList<YamlServersItem> Items);
