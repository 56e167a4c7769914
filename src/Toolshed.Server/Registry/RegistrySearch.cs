using Toolshed.Core.Registry;

namespace Toolshed.Server.Registry;

/// <summary>The matching and ranking behind <see cref="RegistryService.Search"/>.</summary>
internal static class RegistrySearch
{
    public static IReadOnlyList<RegistrySearchResult> Run(IReadOnlyList<RegistryInfo> registries, string? query)
    {
        var words = (query ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var whole = string.Join(' ', words);
        return registries
            .Where(registry => registry.IsAvailable)
            .SelectMany((registry, order) => registry.Document.Servers.Values
                .Where(server => words.All(word => Matches(server, word)))
                .Select(server => (Result: new RegistrySearchResult(registry.Name, server), Order: order)))
            .OrderBy(match => Rank(match.Result.Server, whole))
            .ThenBy(match => match.Order)
            .ThenBy(match => match.Result.Server.Name, StringComparer.OrdinalIgnoreCase)
            .Select(match => match.Result)
            .ToList();
    }

    private static bool Matches(RegistryServer server, string word) =>
        Contains(server.Name, word)
        || Contains(server.Description, word)
        || server.Tags.Any(tag => Contains(tag, word))
        || server.Tools.Any(tool => Contains(tool, word));

    private static int Rank(RegistryServer server, string query) =>
        query.Length == 0 ? 0
        : server.Name.Equals(query, StringComparison.OrdinalIgnoreCase) ? 0
        : server.Name.StartsWith(query, StringComparison.OrdinalIgnoreCase) ? 1
        : Contains(server.Name, query) ? 2
        : Contains(server.Description, query) ? 3
        : 4;

    private static bool Contains(string? text, string word) => text?.Contains(word, StringComparison.OrdinalIgnoreCase) == true;
}
