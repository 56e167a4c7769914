using Toolshed.Cli.Text;

namespace Toolshed.Cli.Registry;

/// <summary>
/// Resolves what `shed registry info` was given: REGISTRY/SERVER, a registry name, or a server name looked up across
/// every registry. A registry name wins over a server of the same name (REGISTRY/SERVER reaches that server); a
/// server name held by several registries is ambiguous; names that match nothing get did-you-mean suggestions.
/// Registry names compare case-insensitively (as the daemon does); server names exactly, else case-insensitively.
/// </summary>
public static class RegistryLookup
{
    private const int MaxSuggestions = 3;

    public static RegistryLookupResult Resolve(string target, IReadOnlyList<RegistryListing> registries)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(registries);
        var slash = target.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0 && FindRegistry(registries, target[..slash]) is { } named)
        {
            return InRegistry(named, target[(slash + 1)..]);
        }

        if (slash < 0 && FindRegistry(registries, target) is { } registry)
        {
            return new RegistryLookupResult
            {
                Kind = RegistryLookupKind.Registry,
                Registry = registry.Name,
                Candidates = Matches(registries, target).Select(Reference).ToList(),
            };
        }

        var matches = Matches(registries, target);
        return matches.Count switch
        {
            1 => new RegistryLookupResult { Kind = RegistryLookupKind.Server, Registry = matches[0].Registry, Server = matches[0].Server },
            > 1 => new RegistryLookupResult { Kind = RegistryLookupKind.Ambiguous, Candidates = matches.Select(Reference).ToList() },
            _ => new RegistryLookupResult { Kind = RegistryLookupKind.NotFound, Suggestions = Suggest(target, AllNames(registries)) },
        };
    }

    private static RegistryLookupResult InRegistry(RegistryListing registry, string serverName)
    {
        if (registry.Problem is not null)
        {
            return new RegistryLookupResult { Kind = RegistryLookupKind.NotFound, Registry = registry.Name, Detail = registry.Problem };
        }

        var servers = registry.Servers.Where(s => s.Name is not null).ToList();
        var found = servers.FirstOrDefault(s => string.Equals(s.Name, serverName, StringComparison.Ordinal))
            ?? SingleOrNull(servers.Where(s => string.Equals(s.Name, serverName, StringComparison.OrdinalIgnoreCase)).ToList());
        if (found is not null)
        {
            return new RegistryLookupResult { Kind = RegistryLookupKind.Server, Registry = registry.Name, Server = found };
        }

        return new RegistryLookupResult
        {
            Kind = RegistryLookupKind.NotFound,
            Registry = registry.Name,
            Suggestions = Suggest(serverName, servers.Select(s => s.Name!)).Select(name => $"{registry.Name}/{name}").ToList(),
        };
    }

    private static RegistryListing? FindRegistry(IReadOnlyList<RegistryListing> registries, string name) =>
        registries.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Servers named exactly <paramref name="name"/>; when none is, those named so ignoring case.</summary>
    private static List<(string Registry, RegistryServerView Server)> Matches(IReadOnlyList<RegistryListing> registries, string name)
    {
        var all = registries.SelectMany(r => r.Servers.Where(s => s.Name is not null).Select(s => (Registry: r.Name, Server: s))).ToList();
        var exact = all.Where(m => string.Equals(m.Server.Name, name, StringComparison.Ordinal)).ToList();
        return exact.Count > 0 ? exact : all.Where(m => string.Equals(m.Server.Name, name, StringComparison.OrdinalIgnoreCase)).ToList();
    }

    /// <summary>What a user could have meant: registry names, server names, and REGISTRY/SERVER references.</summary>
    private static IEnumerable<string> AllNames(IReadOnlyList<RegistryListing> registries) =>
        registries.Select(r => r.Name)
            .Concat(registries.SelectMany(r => r.Servers).Select(s => s.Name).OfType<string>())
            .Concat(registries.SelectMany(r => r.Servers.Where(s => s.Name is not null).Select(s => $"{r.Name}/{s.Name}")));

    private static List<string> Suggest(string input, IEnumerable<string> candidates) =>
        DidYouMean.Suggest(input, candidates).Take(MaxSuggestions).ToList();

    private static RegistryServerView? SingleOrNull(List<RegistryServerView> servers) => servers.Count == 1 ? servers[0] : null;

    private static string Reference((string Registry, RegistryServerView Server) match) => $"{match.Registry}/{match.Server.Name}";
}
