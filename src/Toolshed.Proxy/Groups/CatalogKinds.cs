namespace Toolshed.Proxy.Groups;

/// <summary>The method, result key and item key of each list a group aggregates, and its list_changed notification.</summary>
internal static class CatalogKinds
{
    public static readonly CatalogKind[] All = [CatalogKind.Tools, CatalogKind.Prompts, CatalogKind.Resources, CatalogKind.ResourceTemplates];

    public static string ListMethod(this CatalogKind kind) => kind switch
    {
        CatalogKind.Tools => "tools/list",
        CatalogKind.Prompts => "prompts/list",
        CatalogKind.Resources => "resources/list",
        _ => "resources/templates/list",
    };

    public static string ResultKey(this CatalogKind kind) => kind switch
    {
        CatalogKind.Tools => "tools",
        CatalogKind.Prompts => "prompts",
        CatalogKind.Resources => "resources",
        _ => "resourceTemplates",
    };

    public static string ItemKey(this CatalogKind kind) => kind switch
    {
        CatalogKind.Tools or CatalogKind.Prompts => "name",
        CatalogKind.Resources => "uri",
        _ => "uriTemplate",
    };

    /// <summary>Whether items are renamed on collision (tools, prompts) rather than kept and routed as they are (URIs).</summary>
    public static bool IsNamed(this CatalogKind kind) => kind is CatalogKind.Tools or CatalogKind.Prompts;

    public static string ChangedNotification(this CatalogKind kind) => kind switch
    {
        CatalogKind.Tools => "notifications/tools/list_changed",
        CatalogKind.Prompts => "notifications/prompts/list_changed",
        _ => "notifications/resources/list_changed",
    };

    public static CatalogKind? FromChangedNotification(string method) => method switch
    {
        "notifications/tools/list_changed" => CatalogKind.Tools,
        "notifications/prompts/list_changed" => CatalogKind.Prompts,
        "notifications/resources/list_changed" => CatalogKind.Resources,
        _ => null,
    };
}
