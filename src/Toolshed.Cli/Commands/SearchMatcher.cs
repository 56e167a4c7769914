using Toolshed.Cli.Registry;

namespace Toolshed.Cli.Commands;

/// <summary>Whether a registry server matches a search: the query in its name, description, tags or tools, any case.</summary>
public static class SearchMatcher
{
    public static bool Matches(RegistryServerView server, string query)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(query);
        var text = query.Trim();
        return Contains(server.Name, text)
            || Contains(server.Description, text)
            || (server.Tags ?? []).Any(tag => Contains(tag, text))
            || (server.Tools ?? []).Any(tool => Contains(tool, text));
    }

    private static bool Contains(string? field, string query) =>
        field is not null && field.Contains(query, StringComparison.OrdinalIgnoreCase);
}
