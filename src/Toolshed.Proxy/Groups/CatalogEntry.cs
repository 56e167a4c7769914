namespace Toolshed.Proxy.Groups;

/// <summary>Where one item a group shows lives: the member and the item's name (or URI) there.</summary>
internal sealed record CatalogEntry(string Member, string Name);
