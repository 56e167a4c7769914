namespace Toolshed.Proxy.Groups;

/// <summary>The four lists a group aggregates from its members.</summary>
internal enum CatalogKind
{
    Tools,
    Prompts,
    Resources,
    ResourceTemplates,
}
